// The sweeper's reminder events: booking.starts_soon (the day before an accepted stay starts) and
// review.window_closing (the last days of a completed stay's review window, when a party has not
// written). Each is written exactly once per booking: the outbox row goes in the same transaction as a
// pets.booking_reminders row whose key (booking, kind) is inserted with ON CONFLICT DO NOTHING, so a
// concurrent sweep of another instance waits for ours and then inserts nothing, and a rerun finds the
// key taken. When to remind is @burrow/booking's pure rules; this file only finds candidates and writes.
import {
  addDays,
  dateColumn,
  isoDateOf,
  reviewClosingDue,
  reviewWindowEnd,
  startsSoonDue,
  todayIn,
} from "@burrow/booking";
import type { Party } from "@burrow/events";
import { type Db, prisma } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { bookingEvent, reviewWindowClosingEvent } from "../outbox/events";

export type ReminderKind = "booking.starts_soon" | "review.window_closing";

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

const candidateSelect = {
  id: true,
  listingId: true,
  ownerId: true,
  status: true,
  startDate: true,
  endDate: true,
  listing: { select: { sitterId: true, timeZone: true } },
  reviews: { select: { authorId: true } },
} satisfies Prisma.BookingSelect;
type Candidate = Prisma.BookingGetPayload<{ select: typeof candidateSelect }>;

export function reminderRepository(db: Db = prisma) {
  /** Claims each due booking's key and writes the outbox rows of the claimed ones; returns how many. */
  async function write(
    kind: ReminderKind,
    due: Candidate[],
    event: (c: Candidate) => Prisma.OutboxEventCreateManyInput,
    now: Date,
  ): Promise<number> {
    if (due.length === 0) return 0;
    return db.$transaction(async (tx) => {
      const claimed = await tx.bookingReminder.createManyAndReturn({
        data: due.map((c) => ({ bookingId: c.id, kind, createdAt: now })),
        skipDuplicates: true,
        select: { bookingId: true },
      });
      const ids = new Set(claimed.map((r) => r.bookingId));
      await tx.outboxEvent.createMany({ data: due.filter((c) => ids.has(c.id)).map(event) });
      return ids.size;
    }, TX_OPTIONS);
  }

  // No zone is more than 14 hours from UTC, so a window of UTC dates one day wider on each side than
  // the rule holds every candidate; the rule then decides in the listing's zone.
  const utcToday = (now: Date) => todayIn("UTC", now);

  return {
    async publishDue(now = new Date()): Promise<{ startsSoon: number; reviewClosing: number }> {
      const today = utcToday(now);
      const starting = await db.booking.findMany({
        where: {
          status: "ACCEPTED",
          startDate: { gte: dateColumn(today), lte: dateColumn(addDays(today, 2)) },
          reminders: { none: { kind: "booking.starts_soon" } },
        },
        select: candidateSelect,
      });
      const startsSoon = await write(
        "booking.starts_soon",
        starting.filter((c) => startsSoonDue(isoDateOf(c.startDate), c.listing.timeZone, now)),
        (c) => bookingEvent("booking.starts_soon", c, c.listing.sitterId),
        now,
      );

      const closing = await db.booking.findMany({
        where: {
          status: "COMPLETED",
          endDate: { gte: dateColumn(addDays(today, -15)), lte: dateColumn(addDays(today, -10)) },
          reminders: { none: { kind: "review.window_closing" } },
        },
        select: candidateSelect,
      });
      const pending = (c: Candidate): Party[] =>
        (["tenant", "sitter"] as const).filter(
          (party) => !c.reviews.some((r) => r.authorId === (party === "tenant" ? c.ownerId : c.listing.sitterId)),
        );
      const reviewClosing = await write(
        "review.window_closing",
        closing.filter((c) => pending(c).length > 0 && reviewClosingDue(isoDateOf(c.endDate), c.listing.timeZone, now)),
        (c) =>
          reviewWindowClosingEvent(c, c.listing.sitterId, {
            closesAt: reviewWindowEnd(isoDateOf(c.endDate), c.listing.timeZone).toISOString(),
            pending: pending(c),
          }),
        now,
      );
      return { startsSoon, reviewClosing };
    },
  };
}
