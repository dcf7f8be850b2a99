// The public listing search: one SQL statement over listed listings with every filter, a stable
// order per sort and keyset pagination. Raw SQL because the free-dates test (NOT EXISTS over
// stays and blocks, a weekday mask) and the index-friendly shapes (lower(city), ILIKE for the
// trigram indexes, row-value keyset comparisons) are beyond Prisma's query builder. User input only
// ever reaches it as bound parameters of Prisma.sql fragments.
// It runs on the client's node-postgres pool (as the accept path does): over bench:search's searches
// Prisma's $queryRaw layer added ~0.4 ms per call, about a fifth of a typical search. Each shape of the
// statement (which filters, which sort, a cursor or not) without a price range is a named prepared
// statement (preparedQuery), so PostgreSQL plans it once per connection; generic-plans.int.test.ts
// checks their generic plans. A city search with a price range sorted by rating or newest, in a city
// whose own prices PostgreSQL's estimate misses (city-prices.ts), first walks the city's index of that
// order (listingWalkQuery, also prepared).
import { failure, type Result } from "@burrow/booking";
import type pg from "pg";
import { type Db, poolOf, preparedStatement, prisma, replicaSet } from "../client";
import { Prisma } from "../generated/prisma/client";
import { CityPrices } from "./city-prices";
import { type Cursor, decodeCursor, encodeCursor, type ListingSearch, nightsMask, PAGE_SIZE } from "./query";

export interface ListingHit {
  id: string;
  title: string;
  city: string;
  nightlyPriceMinor: number;
  currency: string;
  maxPets: number;
  species: string[];
  /** The uploaded cover photo (position 0), or null; then `photoUrl` is the legacy fallback. */
  cover: CoverPhoto | null;
  /** The first of the listing's legacy `photo_urls` (any https host). */
  photoUrl: string | null;
  ratingAvg: number | null;
  ratingCount: number;
  sitterName: string | null;
  createdAt: Date;
}

/** A listing's cover photo as a card shows it (variants in @burrow/storage under `key`). */
export interface CoverPhoto {
  key: string;
  alt: string;
  width: number;
  height: number;
  placeholder: string;
}

export interface SearchPage {
  items: ListingHit[];
  /** Opaque; pass it back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/** pets.price_micros(): a price in millionths of its currency's whole unit, comparable across currencies. */
const PRICE_MICROS = Prisma.sql`pets.price_micros(l.nightly_price_minor, l.currency)`;
const MICROS_PER_UNIT = 1_000_000;
const micros = (units: number | undefined) => (units === undefined ? undefined : units * MICROS_PER_UNIT);

/** `%text%` for ILIKE, with LIKE's own metacharacters taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Listed (ACTIVE, not hidden by an admin: the predicate of every search index) and in the city searched. */
function listedIn(search: Pick<ListingSearch, "city">): Prisma.Sql[] {
  const where = [Prisma.sql`l.status = 'ACTIVE'`, Prisma.sql`l.hidden_at IS NULL`];
  if (search.city) where.push(Prisma.sql`lower(l.city) = lower(${search.city}::text)`);
  return where;
}

/**
 * The search's other WHERE conditions, each a parameterised fragment. `probed`: the free-dates tests
 * probe per row as written (for the walk's "matches" column): as an expression rather than a WHERE
 * condition, PostgreSQL may otherwise hash every block of the dates' range once (a sequential scan).
 */
function filters(search: ListingSearch, { probed = false } = {}): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (search.pets !== undefined) where.push(Prisma.sql`l.max_pets >= ${search.pets}::int`);
  if (search.species.length > 0) where.push(Prisma.sql`l.species @> ${search.species}::"pets"."Species"[]`);
  // Bounds are whole units of each listing's own currency (¥4,500 is 4500, €45.00 is 45, KWD 4.500 is 4.5).
  if (search.minPrice !== undefined) {
    where.push(Prisma.sql`${PRICE_MICROS} >= ${search.minPrice * MICROS_PER_UNIT}::bigint`);
  }
  if (search.maxPrice !== undefined) {
    where.push(Prisma.sql`${PRICE_MICROS} <= ${search.maxPrice * MICROS_PER_UNIT}::bigint`);
  }
  if (search.q) {
    const pattern = containsPattern(search.q);
    where.push(Prisma.sql`(l.title ILIKE ${pattern}::text OR l.description ILIKE ${pattern}::text)`);
  }
  if (search.stay) {
    const { start, end } = search.stay;
    // The plan must contain every weekday of the stay. Written as "one of the masks that contain
    // those days" rather than `weekdays & mask = mask`: PostgreSQL estimates an IN list from the
    // column's statistics, but guesses 0.5 % for the bit test, which made it plan for ~2 candidate
    // listings instead of hundreds (sorting everything, or seq-scanning 100k listings per search).
    const needed = nightsMask(start, end);
    const plans = Array.from({ length: 128 }, (_, mask) => mask).filter((mask) => (mask & needed) === needed);
    // Every night on a weekday of the plan; no accepted/completed stay and no block overlaps
    // [start, end). Stays: an index-only probe of bookings_taken_idx (whose predicate this repeats)
    // per candidate. The overlap is a daterange &&, which PostgreSQL estimates at a flat 1 % (it
    // ignores the range statistics of the exclusion constraint's index, a partial one): few candidates
    // fail it, so it walks the sort-order index and stops after one page. Plain date comparisons,
    // estimated column by column, looked like "almost every listing is booked", and it sorted every
    // candidate instead. With real statistics on the range (tried) it estimated more overlaps, sorted
    // more often and was slower in bench:search.
    // OFFSET 0 keeps an EXISTS a per-row probe (PostgreSQL turns only plain ones into hashed subplans).
    const perRow = probed ? Prisma.sql` OFFSET 0` : Prisma.empty;
    where.push(
      Prisma.sql`l.weekdays = ANY(${plans}::smallint[])`,
      Prisma.sql`NOT EXISTS (
        SELECT 1 FROM pets.bookings b
         WHERE b.listing_id = l.id AND b.status IN ('ACCEPTED', 'COMPLETED')
           AND daterange(b.start_date, b.end_date, '[)') && daterange(${start}::date, ${end}::date, '[)')${perRow})`,
      Prisma.sql`NOT EXISTS (
        SELECT 1 FROM pets.availability_blocks k
         WHERE k.listing_id = l.id AND k.start_date < ${end}::date AND k.end_date > ${start}::date${perRow})`,
    );
  }
  return where;
}

/** Order and "after the cursor" condition of each sort; the keys match the search indexes. */
function ordering(sort: ListingSearch["sort"], cursor: Cursor | null) {
  switch (sort) {
    case "price":
      // In whole units like the price filter, not raw minor units (¥4,500 after €45.00).
      return {
        orderBy: Prisma.sql`${PRICE_MICROS}, l.id`,
        after:
          cursor?.s === "price"
            ? Prisma.sql`(${PRICE_MICROS}, l.id) > (${cursor.k[0]}::bigint, ${cursor.id}::text)`
            : null,
      };
    case "rating":
      // Unrated listings (NULL average) come last; then more reviews first.
      return {
        orderBy: Prisma.sql`coalesce(l.rating_avg, 0) DESC, l.rating_count DESC, l.id DESC`,
        after:
          cursor?.s === "rating"
            ? Prisma.sql`(coalesce(l.rating_avg, 0), l.rating_count, l.id)
                 < (${String(cursor.k[0])}::numeric, ${cursor.k[1]}::int, ${cursor.id}::text)`
            : null,
      };
    case "newest":
      return {
        orderBy: Prisma.sql`l.created_at DESC, l.id DESC`,
        after:
          cursor?.s === "newest"
            ? Prisma.sql`(l.created_at, l.id) < (${cursor.k[0]}::timestamptz, ${cursor.id}::text)`
            : null,
      };
  }
}

/** A result row: the card's fields and, sorting by price, the sort key only the cursor needs (int8, as text). */
type HitRow = ListingHit & { priceMicros?: string };

function cursorAfter(sort: ListingSearch["sort"], { priceMicros, ...hit }: HitRow): Cursor {
  switch (sort) {
    case "price":
      return { s: "price", k: [Number(priceMicros)], id: hit.id };
    case "rating":
      return { s: "rating", k: [hit.ratingAvg ?? 0, hit.ratingCount], id: hit.id };
    case "newest":
      return { s: "newest", k: [hit.createdAt.toISOString()], id: hit.id };
  }
}

/** The card's columns of a result row (`l` a listings row), the cover and the sitter's name included. */
function cardColumns(priceKey: boolean): Prisma.Sql {
  // The sitter's name is a subquery rather than a join: it runs for the page's rows only, and
  // keeping users out of the join search saves ~20 % of the planning time (planning is about half
  // of a typical search's time). The cover photo likewise: one probe of listing_photos' (listing_id,
  // position) index per row of the page, as one json value (node-postgres parses it).
  return Prisma.sql`l.id, l.title, l.city, l.nightly_price_minor AS "nightlyPriceMinor", l.currency,
           l.max_pets AS "maxPets", l.species::text[] AS species,
           (SELECT json_build_object('key', p.key, 'alt', p.alt, 'width', p.width, 'height', p.height,
                                     'placeholder', p.placeholder)
              FROM pets.listing_photos p WHERE p.listing_id = l.id ORDER BY p.position LIMIT 1) AS cover,
           l.photo_urls[1] AS "photoUrl",
           l.rating_avg::float8 AS "ratingAvg", l.rating_count AS "ratingCount",
           (SELECT coalesce(u.screenname, u.name) FROM identity.users u WHERE u.id = l.sitter_id) AS "sitterName",
           l.created_at AS "createdAt"${priceKey ? Prisma.sql`, ${PRICE_MICROS} AS "priceMicros"` : Prisma.empty}`;
}

/** The search statement, exported for the benchmark, which runs the same SQL through `pg`. */
export function listingSearchQuery(search: ListingSearch, cursor: Cursor | null, limit: number): Prisma.Sql {
  const { orderBy, after } = ordering(search.sort, cursor);
  const where = [...listedIn(search), ...filters(search)];
  if (after) where.push(after);
  return Prisma.sql`
    SELECT ${cardColumns(search.sort === "price")}
      FROM pets.listings l
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${orderBy}
     LIMIT ${limit + 1}::int`;
}

/** A search listingWalkQuery can run. */
type CityWalk = ListingSearch & { city: string; sort: "rating" | "newest" };

/**
 * Whether `search` may walk its city's sort index first (listingWalkQuery): a city, a price range, an
 * order other than price and no words (their trigram indexes find few candidates faster than a walk).
 * It walks when the city's own price figures say PostgreSQL under-counts its candidates (CityPrices).
 * PostgreSQL estimates a price range from the histogram of every listing's price, whatever its
 * currency, times the city's share. For a city with its own currency (PLN, JPY) that was 18 candidates
 * where 709 matched, in bench:search at 1M listings: it read, probed and sorted all of them (9 ms warm,
 * 34 ms cold) instead of walking the city's rating index until a page was full (2 ms).
 */
export function walksCity(search: ListingSearch): search is CityWalk {
  return (
    search.city !== undefined &&
    (search.minPrice !== undefined || search.maxPrice !== undefined) &&
    search.sort !== "price" &&
    search.q === undefined
  );
}

/**
 * The walk's order over its own rows: the sort key the walk selects (rating adds a column for its
 * coalesce), so that PostgreSQL sees the walk already in that order.
 */
function walkOrder(sort: "rating" | "newest") {
  return sort === "rating"
    ? {
        key: Prisma.sql`, coalesce(l.rating_avg, 0) AS "ratingKey"`,
        orderBy: Prisma.sql`l."ratingKey" DESC, l.rating_count DESC, l.id DESC`,
      }
    : { key: Prisma.empty, orderBy: Prisma.sql`l.created_at DESC, l.id DESC` };
}

/**
 * The city's listed listings in the sort's order (its city index), at most `walkRows` of them, each
 * numbered and tested against the other filters, until the page is full. Rows: the matches
 * ("walkMatch"), and the walk's last row ("walkEnd") whether it matches or not. Without a full page, a
 * walk that reached its last row may have stopped short of matches: then run listingSearchQuery. One
 * statement, so "stopped short" and the matches come from one snapshot. Every level keeps the index's
 * order (the outer ORDER BY names the walk's own sort columns), so PostgreSQL reads the index lazily.
 */
export function listingWalkQuery(search: CityWalk, cursor: Cursor | null, limit: number, walkRows: number): Prisma.Sql {
  const { orderBy, after } = ordering(search.sort, cursor);
  const walk = walkOrder(search.sort);
  const where = listedIn(search);
  if (after) where.push(after);
  // Never empty: a walk always has a price range (walksCity).
  const matches = Prisma.join(filters(search, { probed: true }), " AND ");
  // OFFSET 0 keeps "matches" one computed column: inlined, it would be evaluated (probes and all) twice.
  return Prisma.sql`
    SELECT ${cardColumns(false)}, l.matches AS "walkMatch", l.walked = ${walkRows}::int AS "walkEnd"
      FROM (SELECT l.*, ${matches} AS matches
              FROM (SELECT l.*${walk.key}, row_number() OVER (ORDER BY ${orderBy}) AS walked
                      FROM pets.listings l
                     WHERE ${Prisma.join(where, " AND ")}
                     ORDER BY ${orderBy}
                     LIMIT ${walkRows}::int) l
             ORDER BY ${walk.orderBy}
            OFFSET 0) l
     WHERE l.matches OR l.walked = ${walkRows}::int
     ORDER BY ${walk.orderBy}
     LIMIT ${limit + 1}::int`;
}

/** How many listings a walk reads at most (listingWalkQuery) before the full statement takes over. */
const WALK_ROWS = 2_000;

/** A row of listingWalkQuery: a result row, whether it matches, and whether it is the walk's last. */
type WalkRow = HitRow & { walkMatch: boolean; walkEnd: boolean };

async function read<Row extends pg.QueryResultRow>(db: Db, query: pg.QueryConfig, minLsn: string | null) {
  const replicas = replicaSet(db);
  return (replicas ? await replicas.read<Row>(query, minLsn) : await poolOf(db).query<Row>(query)).rows;
}

const cityPricesOf = new WeakMap<Db, CityPrices>();

/** The per-city price figures the searches of `db` share (read on a replica when there is one). */
export function cityPrices(db: Db = prisma): CityPrices {
  let known = cityPricesOf.get(db);
  if (!known) {
    known = new CityPrices((query) => read(db, query, null));
    cityPricesOf.set(db, known);
  }
  return known;
}

export interface SearchRepositoryOptions {
  /** At most this many listings per walk (tests shorten it so that pages beyond it take the fallback). */
  walkRows?: number;
  /** Which city searches walk (tests make every candidate walk). */
  walks?: Pick<CityPrices, "walks">;
}

export function searchRepository(
  db: Db = prisma,
  { walkRows = WALK_ROWS, walks = cityPrices(db) }: SearchRepositoryOptions = {},
) {
  return {
    /**
     * One page of active listings matching `search` (parsed by SearchParams). A malformed cursor
     * is a VALIDATION failure, never a query error. On a replica when the app has usable ones
     * (DATABASE_REPLICA_URLS) that have replayed `minLsn`, the WAL position of the reader's own last
     * write (read-your-writes); on the primary otherwise.
     */
    async search(search: ListingSearch, limit = PAGE_SIZE, minLsn: string | null = null): Promise<Result<SearchPage>> {
      const cursor = search.cursor === undefined ? null : decodeCursor(search.cursor, search.sort);
      if (search.cursor !== undefined && !cursor) {
        return failure("VALIDATION", "This page link is malformed or out of date", {
          cursor: ["Malformed page link"],
        });
      }
      let rows: HitRow[] | null = null;
      if (walksCity(search) && walks.walks(search.city, micros(search.minPrice), micros(search.maxPrice))) {
        // Prepared: the walk's plan does not depend on the price bounds, which only filter walked rows.
        const walk = listingWalkQuery(search, cursor, limit, walkRows);
        const walked = await read<WalkRow>(db, preparedStatement(db, walk.text, walk.values), minLsn);
        const matches = walked.filter((row) => row.walkMatch);
        if (matches.length > limit || !walked.some((row) => row.walkEnd)) {
          rows = matches.map(({ walkMatch: _m, walkEnd: _e, ...hit }) => hit);
        }
      }
      if (!rows) {
        const statement = listingSearchQuery(search, cursor, limit);
        // A price range's selectivity depends on its bounds and on the city's currency, which a generic
        // plan cannot see: in bench:search such searches (sorted by rating) ran 5-10× slower on their
        // generic plans than planned with their values. So they are planned per call, sent unnamed.
        const query =
          search.minPrice === undefined && search.maxPrice === undefined
            ? preparedStatement(db, statement.text, statement.values)
            : { text: statement.text, values: statement.values };
        rows = await read<HitRow>(db, query, minLsn);
      }
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor = rows.length > limit && last ? encodeCursor(cursorAfter(search.sort, last)) : null;
      return { ok: true, items: page.map(({ priceMicros: _, ...hit }) => hit), nextCursor };
    },
  };
}
