-- Purpose: deleted accounts are anonymised, not removed (their bookings stay for the sitter's records); mark them
-- Ticket: #7
-- Reversible: yes
-- Rollback:
--   ALTER TABLE "identity"."users" DROP COLUMN "deleted_at";

ALTER TABLE "identity"."users" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);
