-- Purpose: add listing photos, with an index for the gallery
--          (the gallery lists a listing's photos in upload order).
-- Ticket: #5
-- Reversible: yes
-- Rollback:
--   DROP INDEX "pets"."photos_listing_id_idx";
--   DROP TABLE "pets"."photos";

CREATE TABLE "pets"."photos" ("id" TEXT NOT NULL, "listing_id" TEXT NOT NULL, CONSTRAINT "photos_pkey" PRIMARY KEY ("id"));
CREATE INDEX "photos_listing_id_idx" ON "pets"."photos"("listing_id");
