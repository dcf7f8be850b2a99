// The two statements of the accept path, in SQL because it is the hot path under contention:
// Prisma adds a fixed cost per statement, and these do in 2 what the ORM needs 6 for.
//   1. lockForAccept: takes the listing lock (see listings/lock.ts), then the booking row, and
//      returns both as they are once the locks are held.
//   2. writeAccept: accepts the booking, declines the overlapping requests of the listing, writes
//      every outbox row, and reads the listing's blocks over the stay — all in one statement that
//      starts after the lock, so it sees everything committed before it.
import type { BookingStatus, CancellationPolicy, ListingStatus } from "@burrow/booking";
import type { Booking, Prisma } from "../generated/prisma/client";
import { type BookingEventPayload, bookingEvent } from "../outbox/events";

/** Every column of pets.bookings under its Prisma field name, so a row is a `Booking`. */
const BOOKING_COLUMNS = (alias: string) => `
  ${alias}.id, ${alias}.listing_id AS "listingId", ${alias}.owner_id AS "ownerId", ${alias}.start_date AS "startDate",
  ${alias}.end_date AS "endDate", ${alias}.status::text AS status, ${alias}.pets,
  ${alias}.nightly_price_minor AS "nightlyPriceMinor", ${alias}.total_price_minor AS "totalPriceMinor",
  ${alias}.currency, ${alias}.message, ${alias}.cancellation_policy::text AS "cancellationPolicy",
  ${alias}.expires_at AS "expiresAt", ${alias}.decided_at AS "decidedAt", ${alias}.cancelled_at AS "cancelledAt",
  ${alias}.cancelled_by AS "cancelledById", ${alias}.refund_minor AS "refundMinor",
  ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`;

type BookingRow = Omit<Booking, "status" | "cancellationPolicy"> & {
  status: BookingStatus;
  cancellationPolicy: CancellationPolicy;
};

interface LockedForAccept {
  listing: { id: string; status: ListingStatus; weekdays: number };
  booking: BookingRow;
}

/** Locks the listing, then the booking, of `sitterId`'s booking (listing first: accepts never deadlock). */
export async function lockForAccept(
  tx: Prisma.TransactionClient,
  bookingId: string,
  sitterId: string,
): Promise<LockedForAccept | null> {
  const rows = await tx.$queryRawUnsafe<(BookingRow & { listingStatus: ListingStatus; weekdays: number })[]>(
    `SELECT ${BOOKING_COLUMNS("b")}, l.status::text AS "listingStatus", l.weekdays
       FROM pets.listings l JOIN pets.bookings b ON b.listing_id = l.id
      WHERE b.id = $1 AND l.sitter_id = $2
        FOR NO KEY UPDATE OF l, b`,
    bookingId,
    sitterId,
  );
  const row = rows[0];
  if (!row) return null;
  const { listingStatus, weekdays, ...booking } = row;
  return { listing: { id: booking.listingId, status: listingStatus, weekdays }, booking };
}

interface AcceptWrite {
  accepted: BookingRow;
  declined: string[];
  /** The listing's blocks over the stay, as read inside the write. */
  blocks: { start: string; end: string }[];
}

/** Accepts `booking` and declines the overlapping requests with their outbox rows; null when it is no longer REQUESTED. */
export async function writeAccept(
  tx: Prisma.TransactionClient,
  booking: BookingRow,
  sitterId: string,
  now: Date,
): Promise<AcceptWrite | null> {
  const acceptedEvent = bookingEvent("booking.accepted", { ...booking, status: "ACCEPTED" }, sitterId);
  // Declined rows are known only inside the statement: their payload is this template plus the
  // per-booking fields below, the same shape bookingEvent() builds.
  const declinedTemplate: Partial<BookingEventPayload> = {
    listingId: booking.listingId,
    sitterId,
    status: "DECLINED",
    reason: "overlap",
  };
  const rows = await tx.$queryRawUnsafe<(BookingRow & { declined: string[]; blocks: AcceptWrite["blocks"] })[]>(
    `WITH accepted AS (
       UPDATE pets.bookings SET status = 'ACCEPTED', decided_at = $2, updated_at = now()
        WHERE id = $1 AND status = 'REQUESTED'
       RETURNING *
     ), declined AS (
       UPDATE pets.bookings d SET status = 'DECLINED', decided_at = $2, updated_at = now()
         FROM accepted a
        WHERE d.listing_id = a.listing_id AND d.status = 'REQUESTED' AND d.id <> a.id
          AND d.start_date < a.end_date AND d.end_date > a.start_date
       RETURNING d.id, d.owner_id, d.start_date, d.end_date
     ), events AS (
       INSERT INTO pets.outbox_events (type, aggregate_id, payload)
       SELECT $3, id, $4::jsonb FROM accepted
       UNION ALL
       SELECT 'booking.declined', id, $5::jsonb || jsonb_build_object(
                'bookingId', id, 'tenantId', owner_id, 'start', start_date, 'end', end_date)
         FROM declined
     )
     SELECT ${BOOKING_COLUMNS("a")},
            ARRAY(SELECT id FROM declined) AS declined,
            (SELECT coalesce(json_agg(json_build_object('start', k.start_date, 'end', k.end_date)), '[]'::json)
               FROM pets.availability_blocks k
              WHERE k.listing_id = a.listing_id AND k.start_date < a.end_date AND k.end_date > a.start_date) AS blocks
       FROM accepted a`,
    booking.id,
    now,
    acceptedEvent.type,
    JSON.stringify(acceptedEvent.payload),
    JSON.stringify(declinedTemplate),
  );
  const row = rows[0];
  if (!row) return null;
  const { declined, blocks, ...accepted } = row;
  return { accepted, declined, blocks };
}
