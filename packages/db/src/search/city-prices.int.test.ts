// The per-city price figures on real listings: a city priced in yen among cities priced in euros is the
// one whose candidates PostgreSQL's all-listings estimate misses, so only its wide price ranges walk;
// the figures count listed listings only, go stale after maxAgeMs, and the repository follows them.

import { testDatabase } from "@burrow/testing/database";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, poolOf } from "../client";
import { CityPrices } from "./city-prices";
import { SearchParams } from "./query";
import { cityPrices, listingSearchQuery, searchRepository } from "./repository";

const { db, sql, url } = testDatabase(2);
const M = 1_000_000;

/** `count` listings in `city`, priced evenly from `from` to `to` minor units of `currency`. */
async function listings(city: string, count: number, currency: string, from: number, to: number, status = "ACTIVE") {
  await sql.query(
    `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
       species, max_pets, status, weekdays, rating_count, rating_avg, created_at, updated_at)
     SELECT 'cprice' || md5($1::text || $5::text || g), 'cpricesitter001', 'Flat ' || g, 'A flat', $1::text,
            'Europe/Berlin', $3::int + (($4::int - $3::int) * g / $2::int), $6::text, '{DOG}', 2,
            $5::text::"pets"."ListingStatus", 127, 1 + g % 7, 3 + g % 3, now() - g * interval '1 minute', now()
       FROM generate_series(1, $2::int) g`,
    [city, count, from, to, status, currency],
  );
}

const rows = (query: pg.QueryConfig) =>
  poolOf(db)
    .query(query)
    .then((r) => r.rows);

describe("CityPrices without listed listings", () => {
  it("walks nowhere, and the search still answers", async () => {
    const prices = new CityPrices(rows);
    await prices.refresh();
    expect(prices.walks("Anywhere", 5 * M, 500 * M)).toBe(false);
    const search = SearchParams.parse({ city: "Anywhere", minPrice: "5", maxPrice: "500", sort: "rating" });
    await cityPrices(db).refresh();
    expect(await searchRepository(db).search(search)).toEqual({ ok: true, items: [], nextCursor: null });
  });
});

describe("CityPrices", () => {
  beforeAll(async () => {
    await sql.query(
      `INSERT INTO identity.users (id, email, role, updated_at) VALUES ('cpricesitter001', 'p@search.test', 'SITTER', now())`,
    );
    // €10–210 in three cities, ¥1,600–33,600 in one; a paused town in yen that must not count.
    for (const city of ["Euroville", "Euroburg", "Eurostadt"]) await listings(city, 1_000, "EUR", 1_000, 21_000);
    await listings("Yen City", 600, "JPY", 1_600, 33_600);
    await listings("Paused Town", 600, "JPY", 1_600, 33_600, "PAUSED");
  });

  it("walks a wide range in the city PostgreSQL under-counts, nowhere else", async () => {
    const prices = new CityPrices(rows);
    // Before the first figures, every candidate walks (as before they existed).
    expect(prices.walks("Euroville", 30 * M, 150 * M)).toBe(true);
    await prices.refresh();
    expect(prices.walks("Yen City", 5_000 * M, 25_000 * M)).toBe(true);
    expect(prices.walks("YEN CITY", 5_000 * M, undefined)).toBe(true);
    // About 20 listings in range: few enough for the full statement whatever its plan.
    expect(prices.walks("Yen City", 5_000 * M, 6_000 * M)).toBe(false);
    // Priced like most listings: PostgreSQL's estimate is right.
    expect(prices.walks("Euroville", 30 * M, 150 * M)).toBe(false);
    expect(prices.walks("Euroville", undefined, 200 * M)).toBe(false);
    // Unknown, or with no listed listings: too small to matter.
    expect(prices.walks("Nowhere", 5_000 * M, 25_000 * M)).toBe(false);
    expect(prices.walks("Paused Town", 5_000 * M, 25_000 * M)).toBe(false);
  });

  it("refreshes in the background once its figures are older than maxAgeMs", async () => {
    let reads = 0;
    const counted = (query: pg.QueryConfig) => {
      reads++;
      return rows(query);
    };
    const fresh = new CityPrices(counted, { maxAgeMs: 60_000 });
    await fresh.refresh();
    fresh.walks("Yen City", 5_000 * M, 25_000 * M);
    expect(reads).toBe(1);

    const stale = new CityPrices(counted, { maxAgeMs: 0 });
    await stale.refresh();
    // Priced above every other listing (¥100,000–300,000), so only its own figures show its candidates.
    await listings("Late City", 600, "JPY", 100_000, 300_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    try {
      // The old figures answer this search; it starts a refresh, and the next one sees Late City.
      expect(stale.walks("Late City", 120_000 * M, 280_000 * M)).toBe(false);
      await stale.refresh();
      expect(reads).toBe(3);
      expect(stale.walks("Late City", 120_000 * M, 280_000 * M)).toBe(true);
    } finally {
      await sql.query("DELETE FROM pets.listings WHERE city = 'Late City'");
    }
  });

  it("decides whether the repository walks, with the same results either way", async () => {
    const single = createPrismaClient(url, 1);
    try {
      await cityPrices(single).refresh();
      const walked = async () =>
        (
          await poolOf(single).query<{ statement: string }>(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%row_number()%'",
          )
        ).rows.length;
      const search = async (query: Record<string, string>) => {
        const parsed = SearchParams.parse({ sort: "rating", ...query });
        const found = await searchRepository(single).search(parsed);
        if (!found.ok) throw new Error(found.message);
        const statement = listingSearchQuery(parsed, null, 20);
        const expected = await poolOf(db).query<{ id: string }>(statement.text, statement.values);
        expect(found.items.map((h) => h.id)).toEqual(expected.rows.slice(0, 20).map((r) => r.id));
      };
      await search({ city: "Euroville", minPrice: "30", maxPrice: "150" });
      expect(await walked()).toBe(0);
      await search({ city: "Yen City", minPrice: "5000", maxPrice: "25000" });
      expect(await walked()).toBe(1);
    } finally {
      await single.$disconnect();
    }
  });
});
