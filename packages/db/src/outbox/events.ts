// Outbox rows for booking state changes and review publication. Repositories write them in the same transaction as the
// change; a dispatcher (the service-boundaries issue) delivers them to web at least once, and web
// de-duplicates by the row id.
import { type BookingStatus, type IsoDate, isoDateOf } from "@burrow/booking";
import type { Prisma } from "../generated/prisma/client";

export type BookingEventType =
  | "booking.requested"
  | "booking.accepted"
  | "booking.declined"
  | "booking.expired"
  | "booking.cancelled"
  | "booking.completed";

export interface BookingEventPayload {
  bookingId: string;
  listingId: string;
  tenantId: string;
  sitterId: string;
  status: BookingStatus;
  start: IsoDate;
  end: IsoDate;
  /** booking.declined: the sitter said no, another request was accepted, or the listing was archived. */
  reason?: "sitter" | "overlap" | "archived";
  /** booking.cancelled: the refund recorded, in minor units of `currency`. */
  refundMinor?: number;
  currency?: string;
  /** booking.cancelled: who cancelled; a sitter gives `cancelReason`, which the tenant reads. */
  cancelledBy?: "tenant" | "sitter";
  cancelReason?: string;
}

/** The booking columns an event describes. */
interface EventBooking {
  id: string;
  listingId: string;
  ownerId: string;
  status: BookingStatus;
  startDate: Date;
  endDate: Date;
}

/** One outbox row for `booking` (in its new status) on a listing of `sitterId`. */
export function bookingEvent(
  type: BookingEventType,
  booking: EventBooking,
  sitterId: string,
  extra: Pick<BookingEventPayload, "reason" | "refundMinor" | "currency" | "cancelledBy" | "cancelReason"> = {},
): Prisma.OutboxEventCreateManyInput {
  const payload: BookingEventPayload = {
    bookingId: booking.id,
    listingId: booking.listingId,
    tenantId: booking.ownerId,
    sitterId,
    status: booking.status,
    start: isoDateOf(booking.startDate),
    end: isoDateOf(booking.endDate),
    ...extra,
  };
  return { type, aggregateId: booking.id, payload: payload as unknown as Prisma.InputJsonObject };
}

/** Read by @burrow/events' ReviewPublishedPayload (web tells the subject). */
export interface ReviewPublishedPayload {
  reviewId: string;
  bookingId: string;
  listingId: string;
  /** The stay's parties; the review is the tenant's (it counts for the listing) when authorId = tenantId. */
  tenantId: string;
  sitterId: string;
  authorId: string;
  subjectId: string;
  rating: number;
  publishedAt: string;
}

/** The outbox row for a review that just became visible (double-blind ended for it). */
export function reviewPublishedEvent(payload: ReviewPublishedPayload): Prisma.OutboxEventCreateManyInput {
  return {
    type: "review.published",
    aggregateId: payload.reviewId,
    payload: payload as unknown as Prisma.InputJsonObject,
  };
}
