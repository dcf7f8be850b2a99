-- Purpose: double-blind review publication: when each review became visible, and each listing's rating
--          (count and average of published tenant→sitter reviews) kept next to it for listing pages and search.
-- Ticket: #5
-- Reversible: yes
-- Rollback:
--   DROP INDEX "pets"."reviews_unpublished_idx";
--   ALTER TABLE "pets"."reviews" DROP COLUMN "published_at";
--   ALTER TABLE "pets"."listings" DROP CONSTRAINT "listings_rating_check", DROP COLUMN "rating_count", DROP COLUMN "rating_avg";

-- AlterTable: maintained by @burrow/db's review repository in the transaction that publishes a review.
ALTER TABLE "pets"."listings"
    ADD COLUMN "rating_count" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "rating_avg" DECIMAL(3,2),
    -- Not expressible in Prisma; allow-listed in the drift check. No reviews, no average; else 1 to 5 stars.
    ADD CONSTRAINT "listings_rating_check" CHECK (
        "rating_count" >= 0
        AND ("rating_count" = 0) = ("rating_avg" IS NULL)
        AND ("rating_avg" IS NULL OR "rating_avg" BETWEEN 1 AND 5));

-- AlterTable: NULL while hidden (double-blind); set once, when both parties wrote or the window closed.
ALTER TABLE "pets"."reviews" ADD COLUMN "published_at" TIMESTAMPTZ(3);

-- The sweeper's queue of hidden reviews: partial, so it stays as small as the reviews still waiting.
-- Not expressible in Prisma; allow-listed in the drift check.
CREATE INDEX "reviews_unpublished_idx" ON "pets"."reviews"("booking_id") WHERE "published_at" IS NULL;
