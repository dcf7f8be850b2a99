-- Purpose: drop the legacy caption column
-- Ticket: #7
-- Reversible: no
-- Rollback:

ALTER TABLE "pets"."photos" DROP COLUMN "legacy_caption";
