// When the review window of a completed stay closes, and when pets' reminder job tells the parties
// that a stay starts tomorrow or that the window closes soon. Every instant is a day boundary in the
// listing's zone, so "tomorrow" means the listing's tomorrow wherever the recipient reads it.
import { addDays, type IsoDate, startOfDayIn } from "./dates";

/** Each party may review the other until the start of this many days after the end date. */
export const REVIEW_WINDOW_DAYS = 14;
/** The "reviews close soon" reminder goes out this many days before the window closes. */
export const REVIEW_CLOSING_NOTICE_DAYS = 3;

/**
 * The instant the review window closes: the start of the 14th day after the stay's end date, in the
 * listing's zone. Counted from the end date, not the completion time: both parties get the same
 * deadline, fixed when the stay is booked, and late completion cannot stretch it.
 */
export const reviewWindowEnd = (end: IsoDate, timeZone: string): Date =>
  startOfDayIn(addDays(end, REVIEW_WINDOW_DAYS), timeZone);

const within = (now: Date, from: Date, until: Date) =>
  now.getTime() >= from.getTime() && now.getTime() < until.getTime();

/**
 * Whether the "your stay starts tomorrow" reminder is due for an accepted stay: during the day before
 * its start date, in the listing's zone. A stay accepted on that day still gets it; one whose start
 * date has begun does not (a job that was down all day sends nothing late).
 */
export function startsSoonDue(start: IsoDate, timeZone: string, now: Date): boolean {
  return within(now, startOfDayIn(addDays(start, -1), timeZone), startOfDayIn(start, timeZone));
}

/**
 * Whether the "reviews close soon" reminder is due for a completed stay: from the start of the day
 * REVIEW_CLOSING_NOTICE_DAYS before the window closes until it closes, in the listing's zone.
 */
export function reviewClosingDue(end: IsoDate, timeZone: string, now: Date): boolean {
  const from = startOfDayIn(addDays(end, REVIEW_WINDOW_DAYS - REVIEW_CLOSING_NOTICE_DAYS), timeZone);
  return within(now, from, reviewWindowEnd(end, timeZone));
}
