// Outbox rows for booking state changes, reminders and review publication. Repositories write them in
// the same transaction as the change; the dispatcher delivers them to web at least once, and web
// de-duplicates by the row id. Names and payload shapes are @burrow/events'; these builders are typed
// by their schemas' inputs, so a payload web would refuse does not compile. Each row carries the trace
// context of the span that wrote it (outboxTrace()), which its delivery continues.
import { isoDateOf } from "@burrow/booking";
import type {
  BookingEventPayload,
  BookingEventType,
  ReviewPublishedPayload,
  ReviewWindowClosingPayload,
} from "@burrow/events";
import { traceContextOf } from "@burrow/observability/tracing";
import type { z } from "zod";
import type { BookingStatus, Prisma } from "../generated/prisma/client";

type BookingPayload = z.input<typeof BookingEventPayload>;

/** The booking columns an event describes. */
interface EventBooking {
  id: string;
  listingId: string;
  ownerId: string;
  status: BookingStatus;
  startDate: Date;
  endDate: Date;
}

/** The active span's trace context, for an outbox row written now (null columns outside a trace). */
export const outboxTrace = (): Pick<Prisma.OutboxEventCreateManyInput, "traceparent" | "tracestate"> =>
  traceContextOf();

const row = (type: string, aggregateId: string, payload: object): Prisma.OutboxEventCreateManyInput => ({
  type,
  aggregateId,
  payload: payload as Prisma.InputJsonObject,
  ...outboxTrace(),
});

const bookingPayload = (booking: EventBooking, sitterId: string): BookingPayload => ({
  bookingId: booking.id,
  listingId: booking.listingId,
  tenantId: booking.ownerId,
  sitterId,
  status: booking.status,
  start: isoDateOf(booking.startDate),
  end: isoDateOf(booking.endDate),
});

/** One outbox row for `booking` (in its new status) on a listing of `sitterId`. */
export function bookingEvent(
  type: BookingEventType,
  booking: EventBooking,
  sitterId: string,
  extra: Pick<BookingPayload, "reason" | "refundMinor" | "currency" | "cancelledBy" | "cancelReason"> = {},
): Prisma.OutboxEventCreateManyInput {
  return row(type, booking.id, { ...bookingPayload(booking, sitterId), ...extra });
}

/** The reminder that a completed stay's review window closes at `closesAt`, for the parties in `pending`. */
export function reviewWindowClosingEvent(
  booking: EventBooking,
  sitterId: string,
  reminder: Pick<z.input<typeof ReviewWindowClosingPayload>, "closesAt" | "pending">,
): Prisma.OutboxEventCreateManyInput {
  const payload: z.input<typeof ReviewWindowClosingPayload> = { ...bookingPayload(booking, sitterId), ...reminder };
  return row("review.window_closing", booking.id, payload);
}

/** The outbox row for a review that just became visible (double-blind ended for it). */
export function reviewPublishedEvent(
  payload: z.input<typeof ReviewPublishedPayload>,
): Prisma.OutboxEventCreateManyInput {
  return row("review.published", payload.reviewId, payload);
}
