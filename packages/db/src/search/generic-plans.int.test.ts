// The search runs as named prepared statements, so after five calls on a connection PostgreSQL may run
// one generic plan (parameters unknown) for every search of that shape. On enough data for indexes to
// pay (20k listings, 100k stays, 4k blocks: bench:search's proportions; statistics as autovacuum keeps them), the generic plan of every shape
// (each sort, with and without city, dates, price range, pets and species, words, a cursor) must still
// use the search indexes: no sequential scan of listings, stays, blocks or photos (the card's cover is
// one index probe per row of the page). A city search with a price range may walk the city's index of
// its sort instead (listingWalkQuery): that plan must keep the index's order, with no Sort node. Checked
// with plan_cache_mode = force_generic_plan, which is what EXPLAIN EXECUTE then shows for the prepared
// statement.

import { testDatabase } from "@burrow/testing/database";
import { beforeAll, describe, expect, it } from "vitest";
import { type Cursor, SEARCH_SORTS, SearchParams, type SearchParamsInput } from "./query";
import { listingSearchQuery, listingWalkQuery, walksCity } from "./repository";

const { sql } = testDatabase(1);
const LISTINGS = 20_000;
const CITIES = Array.from({ length: 40 }, (_, i) => `City ${i}`);
const day = (n: number) => new Date(Date.UTC(2027, 2, 1) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await sql.query(
    `INSERT INTO identity.users (id, email, role, updated_at) VALUES ('cplansitter0001', 'plans@search.test', 'SITTER', now())`,
  );
  await sql.query("SELECT setseed(0.2)");
  await sql.query(
    `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
       species, max_pets, status, weekdays, rating_count, rating_avg, created_at, updated_at)
     SELECT 'cplan' || lpad(g::text, 10, '0'), 'cplansitter0001', 'Flat ' || g, 'A garden flat', ($2::text[])[1 + g % 40],
            'Europe/Berlin', 1000 + floor(random() * 20000)::int, CASE WHEN g % 40 = 3 THEN 'JPY' ELSE 'EUR' END,
            '{DOG,CAT}', 1 + g % 5, (CASE WHEN g % 10 = 0 THEN 'PAUSED' ELSE 'ACTIVE' END)::"pets"."ListingStatus",
            CASE WHEN g % 5 = 0 THEN 31 ELSE 127 END, g % 30, CASE WHEN g % 30 > 0 THEN 1 + (g % 400) / 100.0 END,
            now() - g * interval '1 hour', now()
       FROM generate_series(1, $1) g`,
    [LISTINGS, CITIES],
  );
  // Five stays per listing in disjoint 14-day slots (accepted, completed and requested ones).
  await sql.query(
    `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
       total_price_minor, currency, cancellation_policy, expires_at, updated_at)
     SELECT 'cplanstay' || lpad((g * 5 + j)::text, 12, '0'), 'cplan' || lpad(g::text, 10, '0'), 'cplansitter0001',
            $2::date + j * 14 + g % 7, $2::date + j * 14 + g % 7 + 3,
            (CASE j % 3 WHEN 0 THEN 'ACCEPTED' WHEN 1 THEN 'COMPLETED' ELSE 'REQUESTED' END)::"pets"."BookingStatus",
            1, 100, 300, 'EUR', 'MODERATE', now(), now()
       FROM generate_series(1, $1) g, generate_series(0, 4) j`,
    [LISTINGS, day(0)],
  );
  await sql.query(
    `INSERT INTO pets.availability_blocks (id, listing_id, start_date, end_date)
     SELECT 'cplanblock' || lpad(g::text, 10, '0'), 'cplan' || lpad((1 + g * 7 % $2)::text, 10, '0'),
            $1::date + g % 120, $1::date + g % 120 + 1 + g % 10
       FROM generate_series(1, $2 / 5) g`,
    [day(0), LISTINGS],
  );
  // Three photos on two listings of three.
  await sql.query(
    `INSERT INTO pets.listing_photos (id, listing_id, key, alt, position, width, height, placeholder)
     SELECT 'cplanphoto' || lpad((g * 3 + j)::text, 10, '0'), 'cplan' || lpad(g::text, 10, '0'),
            'img/listing/cplan' || lpad(g::text, 10, '0') || '/' || lpad((g * 3 + j)::text, 32, '0'),
            'A photo', j, 1280, 853, 'data:image/webp;base64,AA'
       FROM generate_series(1, $1) g, generate_series(0, 2) j
      WHERE g % 3 > 0`,
    [LISTINGS],
  );
  await sql.query("ANALYZE");
}, 120_000);

/** Every combination of the filters that change the statement's shape, for each sort. */
function shapes(): SearchParamsInput[] {
  const out: SearchParamsInput[] = [];
  for (const sort of SEARCH_SORTS)
    for (const city of [undefined, "City 3"])
      for (const dates of [false, true])
        for (const price of [false, true])
          for (const more of [false, true])
            out.push({
              sort,
              ...(city ? { city } : {}),
              ...(dates ? { start: day(20), end: day(24) } : {}),
              ...(price ? { minPrice: "20", maxPrice: "90" } : {}),
              species: more ? ["DOG"] : [],
              ...(more ? { pets: "2" } : {}),
            });
  out.push({ sort: "newest", city: "City 5", q: "garden", start: day(30), end: day(33), pets: "1", species: [] });
  return out;
}

const cursors: Record<(typeof SEARCH_SORTS)[number], Cursor> = {
  price: { s: "price", k: [50_000_000], id: "cplan0000001000" },
  rating: { s: "rating", k: [3, 10], id: "cplan0000001000" },
  newest: { s: "newest", k: ["2026-01-01T00:00:00.000Z"], id: "cplan0000001000" },
};

describe("the search's generic plans", () => {
  it("use the indexes for every shape of the statement, with and without a cursor", async () => {
    const client = sql;
    await client.query("SET plan_cache_mode = force_generic_plan");
    try {
      let checked = 0;
      let walks = 0;
      for (const input of shapes()) {
        const search = SearchParams.parse(input);
        for (const cursor of [null, cursors[search.sort]]) {
          const statement = listingSearchQuery(search, cursor, 20);
          const plan = await genericPlan(statement);
          const label = `${JSON.stringify(input)} cursor=${cursor !== null}\n${plan}`;
          // A generic plan: no filter value was folded into it (custom plans show the values, not $n).
          // The limit alone is not shown in the plan.
          if (statement.values.length > 1) expect(plan, label).toMatch(/\$\d/);
          expect(plan, label).not.toMatch(/Seq Scan on (listings|bookings|availability_blocks|listing_photos)/);
          expect(plan, label).toMatch(/Index Scan using listing_photos_listing_id_position_idx/);
          expect(plan, label).toMatch(/listings_search_\w+_idx|listings_\w+_trgm_idx/);
          if (search.stay) expect(plan, label).toMatch(/bookings_taken_idx|bookings_no_overlap/);
          if (walksCity(search)) {
            // The walk reads the city's index of the sort in order and keeps that order: no Sort node,
            // so it stops once the page is full.
            const walk = await genericPlan(listingWalkQuery(search, cursor, 20, 2_000));
            const walkLabel = `walk of ${label}\n${walk}`;
            expect(walk, walkLabel).toMatch(new RegExp(`Index Scan using listings_search_city_${search.sort}_idx`));
            expect(walk, walkLabel).not.toMatch(/Sort|Bitmap|Seq Scan on (listings|bookings|availability_blocks)/);
            walks++;
          }
          checked++;
        }
      }
      expect(checked).toBe(shapes().length * 2);
      expect(walks).toBe(16);
    } finally {
      await client.query("DEALLOCATE ALL");
      await client.query("RESET plan_cache_mode");
    }
  });
});

/** `statement`'s generic plan, as EXPLAIN EXECUTE shows it with plan_cache_mode = force_generic_plan. */
async function genericPlan(statement: { text: string; values: unknown[] }): Promise<string> {
  await sql.query({ text: "DEALLOCATE ALL" });
  await sql.query({ text: `PREPARE search AS ${statement.text}` });
  // EXECUTE's parameters as literals: every placeholder of the statement carries its own cast.
  const literals = statement.values.map((v) => sql.escapeLiteral(literal(v)));
  const { rows } = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE search(${literals.join(", ")})`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** A bound value as PostgreSQL's text input reads it (arrays as {a,b}). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => JSON.stringify(String(v))).join(",")}}`;
  return String(value);
}
