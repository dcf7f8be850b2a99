// A thread shows its bookings' status changes as system lines among the messages. They are derived
// from the bookings themselves (each transition leaves its own timestamp), not written as rows:
// a line can never disagree with its booking, and no booking path has to write one.
import type { BookingStatus, Canceller, IsoDate } from "@burrow/booking";

/** What the lines read of one booking of the thread's (listing, tenant). */
export interface BookingHistory {
  id: string;
  status: BookingStatus;
  start: IsoDate;
  end: IsoDate;
  pets: number;
  createdAt: Date;
  decidedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: Canceller | null;
  cancelReason: string | null;
  expiresAt: Date;
  updatedAt: Date;
}

export type BookingEventName = "REQUESTED" | "ACCEPTED" | "DECLINED" | "EXPIRED" | "CANCELLED" | "COMPLETED";

export interface SystemLine {
  kind: "system";
  /** Unique within a thread: booking id and event. */
  key: string;
  at: Date;
  event: BookingEventName;
  booking: BookingHistory;
}

/**
 * The status changes a booking went through, oldest first. The decision time of an accepted,
 * completed or cancelled booking is its acceptance; completion is the booking's last update, which
 * nothing touches after it.
 */
export function bookingLines(booking: BookingHistory): SystemLine[] {
  const line = (event: BookingEventName, at: Date): SystemLine => ({
    kind: "system",
    key: `${booking.id}:${event}`,
    at,
    event,
    booking,
  });
  const lines = [line("REQUESTED", booking.createdAt)];
  switch (booking.status) {
    case "REQUESTED":
      break;
    case "DECLINED":
      lines.push(line("DECLINED", booking.decidedAt ?? booking.updatedAt));
      break;
    case "EXPIRED":
      lines.push(line("EXPIRED", booking.expiresAt));
      break;
    case "ACCEPTED":
    case "COMPLETED":
    case "CANCELLED":
      // A request cancelled before any decision has no decision time.
      if (booking.decidedAt) lines.push(line("ACCEPTED", booking.decidedAt));
      if (booking.status === "COMPLETED") lines.push(line("COMPLETED", booking.updatedAt));
      if (booking.status === "CANCELLED") lines.push(line("CANCELLED", booking.cancelledAt ?? booking.updatedAt));
      break;
  }
  return lines;
}

export type TimelineEntry<M> = { kind: "message"; message: M } | SystemLine;

/**
 * One page of a thread in time order: its messages (oldest first) and the system lines of the time
 * span the page covers, from its oldest message (or the beginning, on the first page of history)
 * up to the next page's oldest message (or now, on the newest page). A line and a message of the
 * same instant: the line first.
 */
export function interleave<M extends { createdAt: Date }>(
  messages: readonly M[],
  bookings: readonly BookingHistory[],
  span: { olderPages: boolean; newerFrom: Date | null },
): TimelineEntry<M>[] {
  const from = span.olderPages && messages[0] ? messages[0].createdAt.getTime() : Number.NEGATIVE_INFINITY;
  const to = span.newerFrom ? span.newerFrom.getTime() : Number.POSITIVE_INFINITY;
  const lines = bookings
    .flatMap(bookingLines)
    .filter((l) => l.at.getTime() >= from && l.at.getTime() < to)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
  const entries: TimelineEntry<M>[] = [];
  let next = 0;
  for (const message of messages) {
    while (next < lines.length && (lines[next] as SystemLine).at.getTime() <= message.createdAt.getTime()) {
      entries.push(lines[next++] as SystemLine);
    }
    entries.push({ kind: "message", message });
  }
  return [...entries, ...lines.slice(next)];
}
