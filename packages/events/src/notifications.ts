// Which user hears about which event, and what they read. Pure: web's consumer stores the result.
import type { EventEnvelope } from "./envelope";
import { BookingCancelledPayload, BookingEventPayload, ReviewPublishedPayload } from "./payloads";

export interface NotificationDraft {
  userId: string;
  type: string;
  title: string;
  body: string;
  /** Absolute URL of the page the notification opens. */
  link: string;
}

export interface Links {
  petsUrl: string;
}

const stay = (p: { start: string; end: string }) => `${p.start} to ${p.end}`;

/**
 * The notification an event produces, or null for events nobody is told about. Throws a ZodError
 * when a known event's payload is malformed: the consumer reports it failed, so it is retried and
 * eventually parked where an operator sees it.
 */
export function notificationFor(event: EventEnvelope, { petsUrl }: Links): NotificationDraft | null {
  const url = (path: string) => new URL(path, petsUrl).toString();
  switch (event.type) {
    case "booking.requested": {
      const p = BookingEventPayload.parse(event.payload);
      return {
        userId: p.sitterId,
        type: event.type,
        title: "New stay request",
        body: `A tenant asks for ${stay(p)}.`,
        link: url(`/requests/${p.bookingId}`),
      };
    }
    case "booking.accepted":
    case "booking.declined":
    case "booking.expired": {
      const p = BookingEventPayload.parse(event.payload);
      const [title, body] =
        event.type === "booking.accepted"
          ? ["Stay accepted", `Your stay ${stay(p)} is confirmed.`]
          : event.type === "booking.expired"
            ? ["Request expired", `The sitter did not answer your request for ${stay(p)} in time.`]
            : p.reason === "overlap"
              ? ["Request declined", `The dates ${stay(p)} were booked by someone else.`]
              : ["Request declined", `Your request for ${stay(p)} was declined.`];
      return { userId: p.tenantId, type: event.type, title, body, link: url(`/stays/${p.bookingId}`) };
    }
    case "booking.cancelled": {
      const p = BookingCancelledPayload.parse(event.payload);
      // Whoever cancelled knows it; the other party is told.
      if (p.cancelledBy === "sitter") {
        return {
          userId: p.tenantId,
          type: event.type,
          title: "The sitter cancelled your stay",
          body: `The sitter cancelled your stay ${stay(p)} and you get a full refund. Their reason: ${p.cancelReason ?? "none given"}`,
          link: url(`/stays/${p.bookingId}`),
        };
      }
      return {
        userId: p.sitterId,
        type: event.type,
        title: "Stay cancelled",
        body: `The tenant cancelled the stay ${stay(p)}.`,
        link: url(`/requests/${p.bookingId}`),
      };
    }
    case "review.published": {
      const p = ReviewPublishedPayload.parse(event.payload);
      return {
        userId: p.subjectId,
        type: event.type,
        title: "New review",
        body: `You received a ${p.rating}-star review.`,
        link: url(`${p.subjectId === p.tenantId ? "/stays" : "/requests"}/${p.bookingId}`),
      };
    }
    default:
      return null;
  }
}
