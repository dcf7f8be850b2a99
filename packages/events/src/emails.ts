// Which user gets which e-mail for an event. Pure: web's consumer renders and sends the drafts (see
// apps/web/src/server/email), once per (event, recipient, kind), unless the recipient switched that
// kind off.
import type { EventEnvelope } from "./envelope";
import {
  BookingCancelledPayload,
  BookingEventPayload,
  type Party,
  ReviewWindowClosingPayload,
  UnreadMessagesPayload,
} from "./payloads";

/** The e-mails a user can switch on and off, each with what the account page calls it. */
export const EMAIL_KINDS = {
  "booking.requested": "A pet owner asks for a stay on your listing",
  "booking.accepted": "A sitter accepts your request",
  "booking.declined": "Your request is declined",
  "booking.expired": "Your request expires unanswered",
  "booking.cancelled": "A stay is cancelled",
  "booking.starts_soon": "A stay starts tomorrow",
  "review.window_opened": "You can review a stay that ended",
  "review.window_closing": "Reviews of a stay close soon",
  "messages.unread": "You have unread messages (one summary, 15 minutes after the first)",
} as const;
export type EmailKind = keyof typeof EMAIL_KINDS;
export const EMAIL_KIND_NAMES = Object.keys(EMAIL_KINDS) as EmailKind[];

/** The kinds one booking event produces (the digest is the other). */
export type BookingEmailKind = Exclude<EmailKind, "messages.unread">;

export const isEmailKind = (value: string): value is EmailKind => Object.hasOwn(EMAIL_KINDS, value);

export interface BookingEmailDraft {
  kind: BookingEmailKind;
  userId: string;
  /** The recipient's side of the booking: tenants read it under "My stays", sitters under "Requests". */
  party: Party;
  booking: BookingEventPayload;
  /** Absolute URL of the booking's page for the recipient. */
  link: string;
  /** review.window_closing: when the window closes (ISO 8601). */
  closesAt?: string;
}

/**
 * The e-mails an event produces (none for events nobody is e-mailed about). Throws a ZodError for a
 * malformed payload of a known event, as notificationFor does: the consumer reports the event failed.
 */
export function emailsFor(event: EventEnvelope, { petsUrl }: { petsUrl: string }): BookingEmailDraft[] {
  const draft = (kind: BookingEmailKind, party: Party, booking: BookingEventPayload, closesAt?: string) => ({
    kind,
    party,
    booking,
    userId: party === "tenant" ? booking.tenantId : booking.sitterId,
    link: new URL(`${party === "tenant" ? "/stays" : "/requests"}/${booking.bookingId}`, petsUrl).toString(),
    ...(closesAt ? { closesAt } : {}),
  });
  switch (event.type) {
    case "booking.requested":
      return [draft("booking.requested", "sitter", BookingEventPayload.parse(event.payload))];
    case "booking.accepted":
    case "booking.declined":
    case "booking.expired":
      return [draft(event.type, "tenant", BookingEventPayload.parse(event.payload))];
    case "booking.cancelled": {
      // The tenant always hears of the refund; the sitter only when the tenant cancelled.
      const p = BookingCancelledPayload.parse(event.payload);
      const tenant = draft("booking.cancelled", "tenant", p);
      return p.cancelledBy === "tenant" ? [tenant, draft("booking.cancelled", "sitter", p)] : [tenant];
    }
    case "booking.starts_soon": {
      const p = BookingEventPayload.parse(event.payload);
      return [draft("booking.starts_soon", "tenant", p), draft("booking.starts_soon", "sitter", p)];
    }
    case "booking.completed": {
      // Completion opens the review window: it happens once per stay, in the completing transaction.
      const p = BookingEventPayload.parse(event.payload);
      return [draft("review.window_opened", "tenant", p), draft("review.window_opened", "sitter", p)];
    }
    case "review.window_closing": {
      const p = ReviewWindowClosingPayload.parse(event.payload);
      return p.pending.map((party) => draft("review.window_closing", party, p, p.closesAt));
    }
    default:
      return [];
  }
}

export interface DigestEmailDraft {
  kind: "messages.unread";
  userId: string;
  threads: { listingTitle: string; unread: number; link: string }[];
  /** The inbox in pets. */
  link: string;
}

/** messages.unread → the one digest e-mail to its recipient; null for every other event. */
export function digestEmailFor(event: EventEnvelope, { petsUrl }: { petsUrl: string }): DigestEmailDraft | null {
  if (event.type !== "messages.unread") return null;
  const p = UnreadMessagesPayload.parse(event.payload);
  return {
    kind: "messages.unread",
    userId: p.userId,
    threads: p.threads.map((t) => ({
      listingTitle: t.listingTitle,
      unread: t.unread,
      link: new URL(`/messages/${t.conversationId}`, petsUrl).toString(),
    })),
    link: new URL("/messages", petsUrl).toString(),
  };
}
