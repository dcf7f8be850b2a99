-- Purpose: uploaded listing photos (processed WebP variants in object storage, by content-addressed key),
--          with alt text, order (0 = cover) and a blurred placeholder; at most 10 per listing.
-- Ticket: #18
-- Reversible: yes
-- Rollback:
--   DROP TABLE "pets"."listing_photos";

-- CreateTable
CREATE TABLE "pets"."listing_photos" (
    "id" TEXT NOT NULL,
    "listing_id" TEXT NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "alt" VARCHAR(200) NOT NULL,
    "position" SMALLINT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "placeholder" VARCHAR(1000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "listing_photos_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "listing_photos_listing_id_position_idx" ON "pets"."listing_photos"("listing_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "listing_photos_listing_id_key_key" ON "pets"."listing_photos"("listing_id", "key");

-- AddForeignKey
ALTER TABLE "pets"."listing_photos" ADD CONSTRAINT "listing_photos_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "pets"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in Prisma; recorded in catalog.json. Ten photos at most (positions 0–9, kept dense by the
-- repository under the listing's row lock), a real description, sensible sizes, only our own keys.
ALTER TABLE "pets"."listing_photos" ADD CONSTRAINT "listing_photos_position_check" CHECK ("position" BETWEEN 0 AND 9);
ALTER TABLE "pets"."listing_photos" ADD CONSTRAINT "listing_photos_alt_check" CHECK (btrim("alt") <> '');
ALTER TABLE "pets"."listing_photos" ADD CONSTRAINT "listing_photos_size_check" CHECK ("width" > 0 AND "height" > 0);
ALTER TABLE "pets"."listing_photos" ADD CONSTRAINT "listing_photos_key_check" CHECK ("key" LIKE 'img/listing/' || "listing_id" || '/%');

-- The app_roles migration's default privileges already give these; granted here too, so the grants hold
-- whichever role runs this migration. pets writes its schema; web reads it (cards, gallery).
GRANT SELECT, INSERT, UPDATE, DELETE ON "pets"."listing_photos" TO burrow_pets;
GRANT SELECT ON "pets"."listing_photos" TO burrow_web;
