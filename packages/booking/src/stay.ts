// Rules for a stay request, pricing and request expiry: pure functions of the listing, its
// availability, the tenant and the current instant.

import type { FieldErrors } from "@burrow/http/result";
import { unavailableNights } from "./availability";
import { type DateRange, type IsoDate, isoWeekday, nightsBetween, startOfDayIn, todayIn } from "./dates";

export const MAX_NIGHTS = 60;
/** A request lapses this long after it is made, or when its start date begins, whichever is first. */
export const REQUEST_TTL_MS = 72 * 60 * 60 * 1000;

export type ListingStatus = "ACTIVE" | "PAUSED" | "ARCHIVED";

export interface StayListing {
  sitterId: string;
  status: ListingStatus;
  timeZone: string;
  maxPets: number;
  /** Weekly plan bitmask (see availability.ts). */
  weekdays: number;
  /** Hidden by an admin: takes no requests, like a paused listing. */
  hidden?: boolean;
}

const WEEKDAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

const listDates = (dates: IsoDate[]) =>
  dates.length > 3 ? `${dates.slice(0, 3).join(", ")} and ${dates.length - 3} more` : dates.join(", ");

/**
 * Why a tenant may not request `stay` on `listing`, per input field (empty when they may).
 * A request must start after today in the listing's zone: it expires when its start date begins
 * (see expiryFor), so one starting today could never be accepted.
 */
export function stayRequestErrors(
  stay: DateRange & { pets: number },
  ctx: { listing: StayListing; blocks: readonly DateRange[]; tenantId: string; now: Date },
): FieldErrors {
  const { listing } = ctx;
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };

  if (listing.sitterId === ctx.tenantId) add("listingId", "You cannot request a stay on your own listing");
  if (listing.status !== "ACTIVE")
    add("listingId", `This listing is ${listing.status.toLowerCase()} and takes no requests`);
  else if (listing.hidden) add("listingId", "This listing is not taking requests right now");
  if (stay.pets > listing.maxPets) add("pets", `This sitter takes at most ${listing.maxPets} pets`);

  const today = todayIn(listing.timeZone, ctx.now);
  if (stay.start <= today) add("start", `The stay must start after today (${today} in ${listing.timeZone})`);
  const nights = nightsBetween(stay.start, stay.end);
  if (nights <= 0) add("end", "The end date must be after the start date");
  else if (nights > MAX_NIGHTS) add("end", `A stay can be at most ${MAX_NIGHTS} nights (this is ${nights})`);
  else {
    const { offPlan, blocked } = unavailableNights(stay, listing.weekdays, ctx.blocks);
    if (offPlan.length > 0) {
      const days = [...new Set(offPlan.map((night) => WEEKDAY_NAMES[isoWeekday(night) - 1]))];
      add("start", `The sitter does not take stays on ${days.join(", ")} (${listDates(offPlan)})`);
    }
    if (blocked.length > 0) add("start", `The sitter is unavailable on ${listDates(blocked)}`);
  }
  return errors;
}

/** Nights × nightly price, in integer minor units. */
export function priceFor(stay: DateRange, nightlyPriceMinor: number): number {
  const total = nightsBetween(stay.start, stay.end) * nightlyPriceMinor;
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`priceFor: invalid total ${total}`);
  return total;
}

/** When a request made at `createdAt` lapses: 72 h later, or when its start date begins in the zone if earlier. */
export function expiryFor(createdAt: Date, start: IsoDate, timeZone: string): Date {
  const startsAt = startOfDayIn(start, timeZone);
  return new Date(Math.min(createdAt.getTime() + REQUEST_TTL_MS, startsAt.getTime()));
}

/** A stay is over from its end date on (in the listing's zone): its last night was the day before. */
export function stayHasEnded(end: IsoDate, timeZone: string, now: Date): boolean {
  return todayIn(timeZone, now) >= end;
}
