// A sitter's availability per listing: the weekly plan, blocked date ranges, and the calendar of
// the next months. Ownership is part of every query: another sitter's listing is NOT_FOUND.
import {
  AddBlock,
  type AddBlockInput,
  addMonths,
  type BookingStatus,
  CALENDAR_MONTHS,
  calendarDays,
  type DayState,
  dateColumn,
  failure,
  type IsoDate,
  invalidInput,
  isoDateOf,
  ListingAction,
  RemoveBlock,
  type Result,
  todayIn,
  WeeklyPlan,
  type WeeklyPlanInput,
  weekdaysToMask,
} from "@burrow/booking";
import { type Db, prisma } from "../client";
import { lockListing } from "../listings/lock";

export interface BlockView {
  id: string;
  start: IsoDate;
  end: IsoDate;
  reason: string | null;
}

export interface CalendarView {
  days: { date: IsoDate; state: DayState }[];
  blocks: BlockView[];
}

const NOT_FOUND = "No such listing";
const notFound = () => failure("NOT_FOUND", NOT_FOUND);

export function availabilityRepository(db: Db = prisma) {
  /** Day states from today (in the listing's zone) for CALENDAR_MONTHS months, and the blocks among them. */
  async function calendarOf(
    listing: { id: string; timeZone: string; weekdays: number },
    { withRequests }: { withRequests: boolean },
    now: Date,
  ): Promise<CalendarView> {
    const from = todayIn(listing.timeZone, now);
    const window = {
      startDate: { lt: dateColumn(addMonths(from, CALENDAR_MONTHS)) },
      endDate: { gt: dateColumn(from) },
    };
    const live = [
      { status: { in: ["ACCEPTED", "COMPLETED"] as BookingStatus[] } },
      ...(withRequests ? [{ status: "REQUESTED" as const, expiresAt: { gt: now } }] : []),
    ];
    const [blocks, stays] = await Promise.all([
      db.availabilityBlock.findMany({ where: { listingId: listing.id, ...window }, orderBy: { startDate: "asc" } }),
      db.booking.findMany({
        where: { listingId: listing.id, ...window, OR: live },
        select: { startDate: true, endDate: true, status: true },
      }),
    ]);
    const blockViews = blocks.map((b) => ({
      id: b.id,
      start: isoDateOf(b.startDate),
      end: isoDateOf(b.endDate),
      reason: b.reason,
    }));
    const days = calendarDays({
      from,
      weekdays: listing.weekdays,
      blocks: blockViews,
      stays: stays.map((s) => ({ start: isoDateOf(s.startDate), end: isoDateOf(s.endDate), status: s.status })),
    });
    return { days, blocks: blockViews };
  }

  return {
    /** Sets the weekdays the sitter takes stays on (accepted stays are kept; new requests follow the plan). */
    async setWeeklyPlan(sitterId: string, input: WeeklyPlanInput): Promise<Result<{ weekdays: number }>> {
      const parsed = WeeklyPlan.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { listingId, weekdays } = parsed.data;
      const { count } = await db.listing.updateMany({
        where: { id: listingId, sitterId, status: { not: "ARCHIVED" } },
        data: { weekdays: weekdaysToMask(weekdays) },
      });
      return count === 1 ? { ok: true, weekdays: weekdaysToMask(weekdays) } : failure("NOT_FOUND", NOT_FOUND);
    },

    /**
     * Blocks `[start, end)`. Refused (CONFLICT) over an accepted stay; under the listing lock, so
     * an accept cannot land on the range at the same moment.
     */
    async addBlock(sitterId: string, input: AddBlockInput): Promise<Result<{ block: BlockView }>> {
      const parsed = AddBlock.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { listingId, start, end, reason } = parsed.data;
      const [startDate, endDate] = [dateColumn(start), dateColumn(end)];
      return db.$transaction(async (tx): Promise<Result<{ block: BlockView }>> => {
        const listing = await lockListing(tx, { listingId, sitterId }, "FOR NO KEY UPDATE");
        if (!listing || listing.status === "ARCHIVED") return failure("NOT_FOUND", NOT_FOUND);
        const stay = await tx.booking.findFirst({
          where: { listingId, status: "ACCEPTED", startDate: { lt: endDate }, endDate: { gt: startDate } },
          select: { startDate: true, endDate: true },
        });
        if (stay) {
          const range = `${isoDateOf(stay.startDate)} – ${isoDateOf(stay.endDate)}`;
          return failure("CONFLICT", `An accepted stay (${range}) falls in these dates`, {
            start: [`Overlaps the accepted stay ${range}`],
          });
        }
        const block = await tx.availabilityBlock.create({
          data: { listingId, startDate, endDate, reason: reason || null },
        });
        return { ok: true, block: { id: block.id, start, end, reason: block.reason } };
      });
    },

    async removeBlock(sitterId: string, blockId: string): Promise<Result<object>> {
      const parsed = RemoveBlock.safeParse({ blockId });
      if (!parsed.success) return invalidInput(parsed.error);
      const { count } = await db.availabilityBlock.deleteMany({ where: { id: blockId, listing: { sitterId } } });
      return count === 1 ? { ok: true } : failure("NOT_FOUND", "No such blocked range");
    },

    /**
     * The sitter's calendar of a listing from today (in its zone) for CALENDAR_MONTHS months:
     * each day booked, requested (live requests only), blocked, off (outside the weekly plan) or free,
     * plus the blocks themselves so they can be removed.
     */
    async calendar(listingId: string, sitterId: string, now = new Date()): Promise<Result<CalendarView>> {
      const parsed = ListingAction.safeParse({ listingId });
      if (!parsed.success) return invalidInput(parsed.error);
      const listing = await db.listing.findFirst({
        where: { id: listingId, sitterId },
        select: { id: true, timeZone: true, weekdays: true },
      });
      return listing ? { ok: true, ...(await calendarOf(listing, { withRequests: true }, now)) } : notFound();
    },

    /**
     * The calendar tenants see on an active listing's public page: open requests do not hold
     * dates (several may overlap), so their days show as free; the blocks' reasons stay private.
     */
    async publicCalendar(
      listingId: string,
      now = new Date(),
    ): Promise<Result<{ days: { date: IsoDate; state: DayState }[] }>> {
      const parsed = ListingAction.safeParse({ listingId });
      if (!parsed.success) return invalidInput(parsed.error);
      const listing = await db.listing.findFirst({
        where: { id: listingId, status: "ACTIVE", hiddenAt: null },
        select: { id: true, timeZone: true, weekdays: true },
      });
      return listing ? { ok: true, days: (await calendarOf(listing, { withRequests: false }, now)).days } : notFound();
    },
  };
}
