-- Purpose: add photo captions
-- Ticket: #6
-- Reversible: yes
-- Rollback:
--   ALTER TABLE "pets"."photos" DROP COLUMN "caption";

ALTER TABLE "pets"."photos" ADD COLUMN "caption" TEXT;
