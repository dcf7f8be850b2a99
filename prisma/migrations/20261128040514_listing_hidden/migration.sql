-- Purpose: let an admin hide a listing through pets' internal API; record when and by whom.
--          Public pages and search treat a hidden listing like a paused one.
-- Ticket: #7
-- Reversible: yes
-- Rollback:
--   ALTER TABLE "pets"."listings" DROP COLUMN "hidden_at", DROP COLUMN "hidden_by";

-- AlterTable: nullable columns without defaults, so no table rewrite. hidden_by is the acting
-- admin's user id, kept as plain text (no foreign key) so the audit survives the admin's account deletion.
ALTER TABLE "pets"."listings"
    ADD COLUMN "hidden_at" TIMESTAMPTZ(3),
    ADD COLUMN "hidden_by" TEXT;
