// The booking state machine, in one place. PostgreSQL enforces the same table again with the
// trigger pets.bookings_status_transition (see the migration), so a bug or a hand-written UPDATE
// cannot move a booking along an edge that is not here.

export const BOOKING_STATUSES = ["REQUESTED", "ACCEPTED", "DECLINED", "EXPIRED", "CANCELLED", "COMPLETED"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * What happens to a booking: the sitter accepts/declines/completes, the tenant cancels, time expires
 * it, the sitter cancels (SITTER_CANCEL: only a stay they accepted; a request they decline).
 */
export const BOOKING_EVENTS = ["ACCEPT", "DECLINE", "EXPIRE", "CANCEL", "COMPLETE", "SITTER_CANCEL"] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];

const EDGES: Record<BookingStatus, Partial<Record<BookingEvent, BookingStatus>>> = {
  REQUESTED: { ACCEPT: "ACCEPTED", DECLINE: "DECLINED", EXPIRE: "EXPIRED", CANCEL: "CANCELLED" },
  ACCEPTED: { COMPLETE: "COMPLETED", CANCEL: "CANCELLED", SITTER_CANCEL: "CANCELLED" },
  DECLINED: {},
  EXPIRED: {},
  CANCELLED: {},
  COMPLETED: {},
};

export type Transition = { ok: true; status: BookingStatus } | { ok: false; message: string };

const VERB: Record<BookingEvent, string> = {
  ACCEPT: "accepted",
  DECLINE: "declined",
  EXPIRE: "expired",
  CANCEL: "cancelled",
  COMPLETE: "completed",
  SITTER_CANCEL: "cancelled by the sitter",
};

/** The status after `event`, or why a booking in `status` cannot take it. */
export function transition(status: BookingStatus, event: BookingEvent): Transition {
  const next = EDGES[status][event];
  return next
    ? { ok: true, status: next }
    : { ok: false, message: `The booking is ${status.toLowerCase()}, so it cannot be ${VERB[event]}` };
}
