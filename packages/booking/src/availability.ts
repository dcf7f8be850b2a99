// A listing's availability: a weekly plan (the weekdays the sitter takes stays, stored as a
// bitmask: bit 0 = Monday … bit 6 = Sunday) and blocked date ranges, both checked night by night.
import { addMonths, type DateRange, datesIn, type IsoDate, isoWeekday, overlaps } from "./dates";
import type { BookingStatus } from "./status";

/** Every weekday: the plan of a new listing. */
export const ALL_WEEKDAYS = 0b111_1111;

/** ISO weekdays (1 = Monday … 7 = Sunday) → bitmask. */
export function weekdaysToMask(weekdays: readonly number[]): number {
  return weekdays.reduce((mask, day) => mask | (1 << (day - 1)), 0);
}

/** Bitmask → ISO weekdays in order. */
export function maskToWeekdays(mask: number): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((day) => (mask & (1 << (day - 1))) !== 0);
}

const takesStaysOn = (weekdays: number, date: IsoDate) => (weekdays & (1 << (isoWeekday(date) - 1))) !== 0;

/**
 * The nights of `stay` the sitter does not take: a night is the date it begins on, so it must
 * fall on a weekday of the plan and outside every block.
 */
export function unavailableNights(stay: DateRange, weekdays: number, blocks: readonly DateRange[]) {
  const nights = datesIn(stay);
  return {
    offPlan: nights.filter((night) => !takesStaysOn(weekdays, night)),
    blocked: nights.filter((night) => blocks.some((b) => b.start <= night && night < b.end)),
  };
}

export type DayState = "booked" | "requested" | "blocked" | "off" | "free";

/** How far ahead a listing's calendar looks. */
export const CALENDAR_MONTHS = 6;

/**
 * The listing's calendar from `from` for CALENDAR_MONTHS months, one entry a day. When several
 * apply, the first of booked (accepted or completed stay), requested, blocked, off (not a weekday
 * of the plan) wins; otherwise the day is free.
 */
export function calendarDays(input: {
  from: IsoDate;
  weekdays: number;
  blocks: readonly DateRange[];
  stays: readonly (DateRange & { status: BookingStatus })[];
}): { date: IsoDate; state: DayState }[] {
  const window = { start: input.from, end: addMonths(input.from, CALENDAR_MONTHS) };
  const stays = input.stays.filter((s) => overlaps(s, window));
  const blocks = input.blocks.filter((b) => overlaps(b, window));
  const on = (range: DateRange, date: IsoDate) => range.start <= date && date < range.end;
  return datesIn(window).map((date) => {
    const stay = (statuses: BookingStatus[]) => stays.some((s) => statuses.includes(s.status) && on(s, date));
    const state: DayState = stay(["ACCEPTED", "COMPLETED"])
      ? "booked"
      : stay(["REQUESTED"])
        ? "requested"
        : blocks.some((b) => on(b, date))
          ? "blocked"
          : takesStaysOn(input.weekdays, date)
            ? "free"
            : "off";
    return { date, state };
  });
}
