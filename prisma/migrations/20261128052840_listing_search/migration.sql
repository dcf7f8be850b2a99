-- Purpose: indexes for the public listing search (web /listings): city + price/rating/newest order over
--          listed (active, not hidden) listings, and trigram indexes for free text over title and description.
-- Ticket: #6
-- Reversible: yes
-- Rollback:
--   DROP INDEX "pets"."listings_search_city_price_idx";
--   DROP INDEX "pets"."listings_search_city_rating_idx";
--   DROP INDEX "pets"."listings_search_city_newest_idx";
--   DROP INDEX "pets"."listings_search_price_idx";
--   DROP INDEX "pets"."listings_search_rating_idx";
--   DROP INDEX "pets"."listings_search_newest_idx";
--   DROP INDEX "pets"."listings_title_trgm_idx";
--   DROP INDEX "pets"."listings_description_trgm_idx";
--   DROP INDEX "pets"."bookings_taken_idx";
--   DROP EXTENSION IF EXISTS "pg_trgm";

-- pg_trgm lets ILIKE '%text%' use a GIN index instead of reading every listing.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- Search only ever shows listed listings (ACTIVE and not hidden by an admin), so every index is
-- partial on exactly that predicate: paused, archived and hidden listings cost nothing. Keys end in
-- id because the keyset cursor orders by (sort key, id); cities match case-insensitively, hence
-- lower(city). Not expressible in Prisma; allow-listed in the drift check.
CREATE INDEX "listings_search_city_price_idx" ON "pets"."listings" (lower("city"), "nightly_price_minor", "id")
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_search_city_rating_idx" ON "pets"."listings"
    (lower("city"), COALESCE("rating_avg", 0) DESC, "rating_count" DESC, "id" DESC)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_search_city_newest_idx" ON "pets"."listings" (lower("city"), "created_at" DESC, "id" DESC)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
-- Searches without a city walk these in order and stop after one page.
CREATE INDEX "listings_search_price_idx" ON "pets"."listings" ("nightly_price_minor", "id")
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_search_rating_idx" ON "pets"."listings"
    (COALESCE("rating_avg", 0) DESC, "rating_count" DESC, "id" DESC)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_search_newest_idx" ON "pets"."listings" ("created_at" DESC, "id" DESC)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;

CREATE INDEX "listings_title_trgm_idx" ON "pets"."listings" USING gin ("title" gin_trgm_ops)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_description_trgm_idx" ON "pets"."listings" USING gin ("description" gin_trgm_ops)
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;

-- The free-dates test probes, for each candidate listing, whether an accepted or completed stay
-- overlaps the range. The exclusion constraint's GiST index answers that too, but a GiST probe costs
-- ~10× this B-tree's, whose columns cover the whole test (index-only scan). Blocked dates use
-- availability_blocks_listing_id_start_date_idx.
CREATE INDEX "bookings_taken_idx" ON "pets"."bookings" ("listing_id", "start_date", "end_date")
    WHERE "status" IN ('ACCEPTED', 'COMPLETED');
