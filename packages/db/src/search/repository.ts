// The public listing search: one SQL statement over listed listings with every filter, a stable
// order per sort and keyset pagination. Raw SQL because the free-dates test (NOT EXISTS over
// stays and blocks, a weekday mask) and the index-friendly shapes (lower(city), ILIKE for the
// trigram indexes, row-value keyset comparisons) are beyond Prisma's query builder. User input only
// ever reaches it as bound parameters of Prisma.sql fragments.
// It runs on the client's node-postgres pool (as the accept path does): over bench:search's searches
// Prisma's $queryRaw layer added ~0.4 ms per call, about a fifth of a typical search. Each shape of the
// statement (which filters, which sort, a cursor or not) without a price range is a named prepared
// statement (preparedQuery), so PostgreSQL plans it once per connection; generic-plans.int.test.ts
// checks their generic plans.
import { failure, type Result } from "@burrow/booking";
import { type Db, poolOf, preparedStatement, prisma, replicaSet } from "../client";
import { Prisma } from "../generated/prisma/client";
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

/** `%text%` for ILIKE, with LIKE's own metacharacters taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The search's WHERE conditions, each a parameterised fragment. */
function conditions(search: ListingSearch): Prisma.Sql[] {
  // Listed = ACTIVE and not hidden by an admin: the predicate of every search index.
  const where = [Prisma.sql`l.status = 'ACTIVE'`, Prisma.sql`l.hidden_at IS NULL`];
  if (search.city) where.push(Prisma.sql`lower(l.city) = lower(${search.city}::text)`);
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
    where.push(
      Prisma.sql`l.weekdays = ANY(${plans}::smallint[])`,
      Prisma.sql`NOT EXISTS (
        SELECT 1 FROM pets.bookings b
         WHERE b.listing_id = l.id AND b.status IN ('ACCEPTED', 'COMPLETED')
           AND daterange(b.start_date, b.end_date, '[)') && daterange(${start}::date, ${end}::date, '[)'))`,
      Prisma.sql`NOT EXISTS (
        SELECT 1 FROM pets.availability_blocks k
         WHERE k.listing_id = l.id AND k.start_date < ${end}::date AND k.end_date > ${start}::date)`,
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

/** The search statement, exported for the benchmark, which runs the same SQL through `pg`. */
export function listingSearchQuery(search: ListingSearch, cursor: Cursor | null, limit: number): Prisma.Sql {
  const { orderBy, after } = ordering(search.sort, cursor);
  const where = conditions(search);
  if (after) where.push(after);
  const priceKey = search.sort === "price" ? Prisma.sql`, ${PRICE_MICROS} AS "priceMicros"` : Prisma.empty;
  // The sitter's name is a subquery rather than a join: it runs for the page's rows only, and
  // keeping users out of the join search saves ~20 % of the planning time (planning is about half
  // of a typical search's time). The cover photo likewise: one probe of listing_photos' (listing_id,
  // position) index per row of the page, as one json value (node-postgres parses it).
  return Prisma.sql`
    SELECT l.id, l.title, l.city, l.nightly_price_minor AS "nightlyPriceMinor", l.currency,
           l.max_pets AS "maxPets", l.species::text[] AS species,
           (SELECT json_build_object('key', p.key, 'alt', p.alt, 'width', p.width, 'height', p.height,
                                     'placeholder', p.placeholder)
              FROM pets.listing_photos p WHERE p.listing_id = l.id ORDER BY p.position LIMIT 1) AS cover,
           l.photo_urls[1] AS "photoUrl",
           l.rating_avg::float8 AS "ratingAvg", l.rating_count AS "ratingCount",
           (SELECT coalesce(u.screenname, u.name) FROM identity.users u WHERE u.id = l.sitter_id) AS "sitterName",
           l.created_at AS "createdAt"${priceKey}
      FROM pets.listings l
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${orderBy}
     LIMIT ${limit + 1}::int`;
}

export function searchRepository(db: Db = prisma) {
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
      const statement = listingSearchQuery(search, cursor, limit);
      // A price range's selectivity depends on its bounds and on the city's currency, which a generic
      // plan cannot see: in bench:search such searches (sorted by rating) ran 5-10× slower on their
      // generic plans than planned with their values. So they are planned per call, sent unnamed.
      const query =
        search.minPrice === undefined && search.maxPrice === undefined
          ? preparedStatement(db, statement.text, statement.values)
          : { text: statement.text, values: statement.values };
      const replicas = replicaSet(db);
      const { rows } = replicas ? await replicas.read<HitRow>(query, minLsn) : await poolOf(db).query<HitRow>(query);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor = rows.length > limit && last ? encodeCursor(cursorAfter(search.sort, last)) : null;
      return { ok: true, items: page.map(({ priceMicros: _, ...hit }) => hit), nextCursor };
    },
  };
}
