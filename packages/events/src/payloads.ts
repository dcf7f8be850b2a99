// Every outbox event's name and payload schema: the one definition both sides use. Producers (pets,
// @burrow/db's outbox writers) build payloads typed as z.input of these schemas; web's consumer
// parses with them. Pure: no I/O.
import { z } from "zod";

const Id = z.string().min(1).max(64);
const IsoDate = z.iso.date();

export const EVENT_TYPES = [
  "booking.requested",
  "booking.accepted",
  "booking.declined",
  "booking.expired",
  "booking.cancelled",
  "booking.completed",
  /** The stay starts tomorrow in the listing's zone (pets' reminder job, once per booking). */
  "booking.starts_soon",
  "review.published",
  /** A completed stay's review window closes soon and a party has not written (reminder job, once per booking). */
  "review.window_closing",
  "listing.hidden",
  "listing.unhidden",
  /** A user has had unread messages for 15 minutes: one digest of every thread (pets' sweeper). */
  "messages.unread",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type BookingEventType = Extract<EventType, `booking.${string}`>;

/** The status a booking has after the event (the same list as the `pets.booking_status` enum). */
const BookingStatus = z.enum(["REQUESTED", "ACCEPTED", "DECLINED", "EXPIRED", "CANCELLED", "COMPLETED"]);

/** Every booking.* event: the booking, its parties and its stay dates (calendar dates of the listing's zone). */
export const BookingEventPayload = z.object({
  bookingId: Id,
  listingId: Id,
  tenantId: Id,
  sitterId: Id,
  status: BookingStatus,
  start: IsoDate,
  end: IsoDate,
  /** booking.declined: the sitter said no, another request was accepted, or the listing was archived. */
  reason: z.enum(["sitter", "overlap", "archived"]).optional(),
  /** booking.cancelled: the refund recorded, in minor units of `currency`. */
  refundMinor: z.int().min(0).optional(),
  currency: z.string().length(3).optional(),
  /** booking.cancelled: who cancelled; a sitter gives `cancelReason`, which the tenant reads. */
  cancelledBy: z.enum(["tenant", "sitter"]).optional(),
  cancelReason: z.string().max(500).optional(),
});
export type BookingEventPayload = z.output<typeof BookingEventPayload>;

/** booking.cancelled: events written before sitters could cancel carry no `cancelledBy`: the tenant did. */
export const BookingCancelledPayload = BookingEventPayload.extend({
  cancelledBy: z.enum(["tenant", "sitter"]).default("tenant"),
});

export const PARTIES = ["tenant", "sitter"] as const;
export type Party = (typeof PARTIES)[number];

/** review.window_closing: when the window closes and which parties have not written their review. */
export const ReviewWindowClosingPayload = BookingEventPayload.extend({
  closesAt: z.iso.datetime({ offset: true }),
  pending: z.array(z.enum(PARTIES)).min(1).max(2),
});

export const ReviewPublishedPayload = z.object({
  reviewId: Id,
  bookingId: Id,
  listingId: Id,
  /** The stay's parties; the review is the tenant's (it counts for the listing) when authorId = tenantId. */
  tenantId: Id,
  sitterId: Id,
  authorId: Id,
  subjectId: Id,
  rating: z.int().min(1).max(5),
  publishedAt: z.iso.datetime({ offset: true }),
});

/** listing.hidden / listing.unhidden: an admin's moderation of a listing. */
export const ListingVisibilityPayload = z.object({
  listingId: Id,
  sitterId: Id,
  /** The admin who hid or unhid it. */
  adminId: Id,
  at: z.iso.datetime({ offset: true }),
});

/** messages.unread: the recipient's undigested unread messages, per thread (at most 50 threads). */
export const UnreadMessagesPayload = z.object({
  userId: Id,
  threads: z
    .array(z.object({ conversationId: Id, listingTitle: z.string().min(1).max(200), unread: z.int().min(1) }))
    .min(1)
    .max(50),
});
export type UnreadMessagesPayload = z.output<typeof UnreadMessagesPayload>;
