-- Purpose: pets.booking_reminders: one row per (booking, reminder kind) that pets' sweeper wrote an outbox
--          event for (booking.starts_soon, review.window_closing); its key makes each reminder happen once
--          per booking across instances and reruns. The apps' grants come from the default privileges.
-- Ticket: #17
-- Reversible: yes
-- Rollback:
--   DROP TABLE "pets"."booking_reminders";

-- CreateTable
CREATE TABLE "pets"."booking_reminders" (
    "booking_id" TEXT NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_reminders_pkey" PRIMARY KEY ("booking_id","kind")
);

-- AddForeignKey
ALTER TABLE "pets"."booking_reminders" ADD CONSTRAINT "booking_reminders_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "pets"."bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
