// Calendar dates in a listing's IANA time zone. Stay dates are `YYYY-MM-DD` strings (PostgreSQL
// DATE, no zone); instants are JS Dates. The zone arithmetic is Temporal's (polyfill), never
// hand-rolled offsets, so DST gaps and overlaps are handled by the tz database.
import { Temporal } from "@js-temporal/polyfill";

/** A calendar date, `YYYY-MM-DD`. Lexicographic order is chronological order. */
export type IsoDate = string;

/** A half-open range of calendar dates `[start, end)`: the nights from start up to, not including, end. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for an existing calendar date written as `YYYY-MM-DD` (so 2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The canonical id of an IANA time zone name (`europe/berlin` → `Europe/Berlin`), or null for
 * anything else, including UTC offsets like `+01:00` that Temporal would accept as a zone.
 */
export function ianaTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

const plain = (date: IsoDate) => Temporal.PlainDate.from(date, { overflow: "reject" });

/** The calendar date at `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The instant the date begins in `timeZone` (usually 00:00; later where DST skips midnight). */
export function startOfDayIn(date: IsoDate, timeZone: string): Date {
  return new Date(plain(date).toZonedDateTime(timeZone).epochMilliseconds);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return plain(date).add({ days }).toString();
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return plain(date).add({ months }).toString();
}

/** Nights in `[start, end)`; negative when end is before start. */
export function nightsBetween(start: IsoDate, end: IsoDate): number {
  return plain(start).until(plain(end), { largestUnit: "days" }).days;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return plain(date).dayOfWeek;
}

/** Half-open overlap: a stay ending on the 10th and one starting on the 10th do not overlap. */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Each date in `[start, end)`, in order. */
export function datesIn({ start, end }: DateRange): IsoDate[] {
  const dates: IsoDate[] = [];
  const last = plain(end);
  for (let d = plain(start); Temporal.PlainDate.compare(d, last) < 0; d = d.add({ days: 1 })) {
    dates.push(d.toString());
  }
  return dates;
}

/** A PostgreSQL DATE as node-postgres/Prisma return it (UTC midnight) → `YYYY-MM-DD`. */
export function isoDateOf(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → the UTC-midnight Date that Prisma writes to a DATE column unchanged. */
export function dateColumn(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}
