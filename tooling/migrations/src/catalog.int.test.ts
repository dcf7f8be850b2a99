// The catalog check against real migrations: the repo's match prisma/catalog.json, and a migration
// that adds, changes or drops an object schema.prisma cannot express is reported by name.

import { migrationsWith } from "@burrow/testing";
import { describe, expect, it } from "vitest";
import { compareCatalogs, formatCatalogDifference, migratedCatalog, readCatalogFile } from "./catalog";
import { catalogPath, migrationsDir } from "./paths";

const baseUrl = process.env.DATABASE_URL as string;
const schemas = ["identity", "pets"];
const expected = readCatalogFile(catalogPath);

describe("catalog of what schema.prisma cannot express", () => {
  it("matches prisma/catalog.json for the repo's migrations", async () => {
    const actual = await migratedCatalog(baseUrl, migrationsDir, schemas);
    expect(compareCatalogs(expected, actual).map(formatCatalogDifference)).toEqual([]);
    expect(actual.map((e) => e.kind)).toEqual(expect.arrayContaining(["exclusion", "check", "trigger", "function"]));
  });

  it("reports an unlisted CHECK, a changed one, a dropped trigger, a new grant and a replaced function", async () => {
    const dir = migrationsWith({
      "20261206000000_changes": [
        `ALTER TABLE "pets"."reviews" ADD CONSTRAINT "reviews_text_check" CHECK (length("text") > 0);`,
        `ALTER TABLE "pets"."listings" DROP CONSTRAINT "listings_max_pets_check";`,
        `ALTER TABLE "pets"."listings" ADD CONSTRAINT "listings_max_pets_check" CHECK ("max_pets" BETWEEN 1 AND 30);`,
        `DROP TRIGGER "bookings_status_transition" ON "pets"."bookings";`,
        `GRANT INSERT ON "pets"."reviews" TO burrow_web;`,
        `CREATE OR REPLACE FUNCTION "pets"."price_micros"(minor integer, currency character) RETURNS bigint
           LANGUAGE sql IMMUTABLE AS $$ SELECT minor::bigint $$;`,
      ].join("\n"),
    });
    const lines = compareCatalogs(expected, await migratedCatalog(baseUrl, dir, schemas)).map(formatCatalogDifference);
    expect(lines.sort()).toEqual([
      "✗ check pets.listings.listings_max_pets_check: the migrations make CHECK (((max_pets >= 1) AND (max_pets <= 30))), prisma/catalog.json says CHECK (((max_pets >= 1) AND (max_pets <= 20)))",
      "✗ check pets.reviews.reviews_text_check: made by the migrations, missing from prisma/catalog.json (CHECK ((length((text)::text) > 0)))",
      expect.stringMatching(
        /^✗ function pets\.price_micros\(minor integer, currency character\): the migrations make sha256:/,
      ),
      expect.stringMatching(/^✗ table grant pets\.reviews: the migrations make .*burrow_web:INSERT/),
      expect.stringMatching(
        /^✗ trigger pets\.bookings\.bookings_status_transition: in prisma\/catalog\.json, but the migrations do not create it/,
      ),
    ]);
  });
});
