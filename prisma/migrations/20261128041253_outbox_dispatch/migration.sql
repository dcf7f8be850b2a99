-- Purpose: the outbox dispatcher's bookkeeping: a total order (seq) and a retry schedule (next_attempt_at)
-- Ticket: #7
-- Reversible: yes
-- Rollback:
--   DROP INDEX "pets"."outbox_events_due_idx";
--   ALTER TABLE "pets"."outbox_events" DROP COLUMN "next_attempt_at", DROP COLUMN "seq";
--   CREATE INDEX "outbox_events_undelivered_idx" ON "pets"."outbox_events"("created_at") WHERE "delivered_at" IS NULL AND "parked_at" IS NULL;

-- Rows written in one transaction share created_at; seq orders them (and the existing rows, by
-- created_at, as the ALTER fills the column in table order, which is insertion order here).
ALTER TABLE "pets"."outbox_events"
    ADD COLUMN "seq" BIGSERIAL NOT NULL,
    ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- The queue the dispatcher scans: undelivered, unparked events in order. Partial, so it stays small
-- however long the delivered history grows. Not expressible in Prisma; allow-listed.
DROP INDEX "pets"."outbox_events_undelivered_idx";
CREATE INDEX "outbox_events_due_idx" ON "pets"."outbox_events"("seq")
    WHERE "delivered_at" IS NULL AND "parked_at" IS NULL;
