// The accept path in one round trip: the SQL function pets.accept_booking (migrations
// accept_booking_function, then accept_booking_cached_plans) takes the listing lock, checks state,
// expiry, weekly plan and blocks, accepts, declines the overlapping requests and writes every outbox
// row, in one statement that is atomic on its own. Measured with bench:booking, the earlier path (a
// Prisma interactive transaction: BEGIN, lock, write, COMMIT) ran at ~0.1 of a bare INSERT against
// the same constraint; after moving the work into one call, Prisma's query layer (argument mapping,
// result decoding, per call) still cost more than the statement, so this one statement goes straight
// to the client's node-postgres pool (poolOf: the same pool, no extra connections). The outbox rows
// it writes get the caller's trace context (migration outbox_trace_context), as outboxTrace() gives others.
import { type BookingStatus, type CancellationPolicy, dateColumn } from "@burrow/booking";
import type pg from "pg";
import type { Booking } from "../generated/prisma/client";
import { outboxTrace } from "../outbox/events";

/** What pets.accept_booking decided; see its migration for each case. */
type AcceptOutcome = "NOT_FOUND" | "LOST_RACE" | "INVALID_STATE" | "EXPIRED" | "UNAVAILABLE" | "ACCEPTED";

type BookingRow = Omit<Booking, "status" | "cancellationPolicy"> & {
  status: BookingStatus;
  cancellationPolicy: CancellationPolicy;
};

type AcceptResult =
  | { outcome: "NOT_FOUND" }
  | { outcome: Exclude<AcceptOutcome, "NOT_FOUND">; booking: BookingRow; declined: string[] };

// The function answers one json value: PostgreSQL parsed and planned a field list over a composite
// result (20 × (r.booking).column) slower than the function ran, and named prepared statements
// would not survive PgBouncer's transaction pooling (see docs/pooling-and-scale.md).
const ACCEPT_SQL = "SELECT pets.accept_booking($1, $2, $3, $4, $5) AS r";

/** pets.bookings as to_json() writes it: dates as YYYY-MM-DD, timestamps as ISO 8601 with offset. */
interface BookingJson {
  id: string;
  listing_id: string;
  owner_id: string;
  start_date: string;
  end_date: string;
  status: BookingStatus;
  pets: number;
  nightly_price_minor: number;
  total_price_minor: number;
  currency: string;
  message: string | null;
  cancellation_policy: CancellationPolicy;
  expires_at: string;
  decided_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  refund_minor: number | null;
  created_at: string;
  updated_at: string;
}

const instant = (value: string | null) => (value === null ? null : new Date(value));

function bookingRow(b: BookingJson): BookingRow {
  return {
    id: b.id,
    listingId: b.listing_id,
    ownerId: b.owner_id,
    startDate: dateColumn(b.start_date),
    endDate: dateColumn(b.end_date),
    status: b.status,
    pets: b.pets,
    nightlyPriceMinor: b.nightly_price_minor,
    totalPriceMinor: b.total_price_minor,
    currency: b.currency,
    message: b.message,
    cancellationPolicy: b.cancellation_policy,
    expiresAt: new Date(b.expires_at),
    decidedAt: instant(b.decided_at),
    cancelledAt: instant(b.cancelled_at),
    cancelledById: b.cancelled_by,
    cancelReason: b.cancel_reason,
    refundMinor: b.refund_minor,
    createdAt: new Date(b.created_at),
    updatedAt: new Date(b.updated_at),
  };
}

/** Runs pets.accept_booking once. Exclusion violations and deadlocks are thrown, as from any statement. */
export async function acceptBooking(
  pool: pg.Pool,
  bookingId: string,
  sitterId: string,
  now: Date,
): Promise<AcceptResult> {
  // The instant as ISO text: node-postgres would format a Date in the process's zone, for nothing.
  const { traceparent, tracestate } = outboxTrace();
  const { rows } = await pool.query<{ r: { outcome: AcceptOutcome; declined?: string[]; booking?: BookingJson } }>(
    ACCEPT_SQL,
    [bookingId, sitterId, now.toISOString(), traceparent, tracestate],
  );
  const result = rows[0]?.r;
  if (!result?.booking || result.outcome === "NOT_FOUND") return { outcome: "NOT_FOUND" };
  return { outcome: result.outcome, booking: bookingRow(result.booking), declined: result.declined ?? [] };
}
