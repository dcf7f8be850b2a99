-- Purpose: drop the unused legacy caption column.
-- Ticket: #7
-- Reversible: no
-- Rollback:
--   The column's data is dropped; re-adding the column cannot bring it back (restore from backup).

ALTER TABLE "pets"."photos" DROP COLUMN IF EXISTS "legacy_caption";
