// One zod schema per operation, shared by the repositories in @burrow/db (which parse every
// input before touching the database) and by the apps' actions and routes. Numbers are coerced
// so FormData entries parse too.
import { z } from "zod";
import { ianaTimeZone, isIsoDate } from "./dates";
import { CANCELLATION_POLICIES } from "./refund";
import { BOOKING_STATUSES } from "./status";

export const SPECIES = ["DOG", "CAT", "BIRD", "RABBIT", "RODENT", "REPTILE", "FISH", "OTHER"] as const;
/** 60 nights at this price still fits PostgreSQL's integer column for the total. */
export const MAX_NIGHTLY_PRICE_MINOR = 10_000_000;
export const MAX_PHOTOS = 10;

/** Ids are cuids (Prisma's `cuid()`, 25 characters); the length cap keeps huge strings out. */
export const Id = z.cuid({ error: "Malformed id" }).max(32, { error: "Malformed id" });

/**
 * True when an ISO date or date-time (`YYYY-…`) falls in 1900–2999: PostgreSQL cannot store year 0,
 * and no stay or listing lies outside these years.
 */
export const inStorableYears = (iso: string) => iso >= "1900" && iso < "3000";
export const STORABLE_YEARS_MESSAGE = "Use a date between 1900 and 2999";

/** A calendar date; years are bounded so no date reaches PostgreSQL that it cannot store (year 0). */
export const IsoDateInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2027-03-01" })
  .refine(isIsoDate, { error: "No such calendar date" })
  .refine(inStorableYears, { error: STORABLE_YEARS_MESSAGE });

const int = (min: number, max: number) =>
  z.coerce
    .number<number | string>()
    .int({ error: "Must be a whole number" })
    .min(min, { error: `Must be at least ${min}` })
    .max(max, { error: `Must be at most ${max}` });

/**
 * PostgreSQL text cannot hold U+0000 (a query with one fails with 22021), so every string that
 * reaches it from a form or URL carries this check: NUL is a field error, never a 500.
 */
export const withoutNul = z.refine<string>((s) => !s.includes("\u0000"), { error: "Contains a NUL character" });

/** Free text: trimmed, bounded, and without NUL characters. */
export const FreeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters` })
    .check(withoutNul);

export const RequestStay = z.object({
  listingId: Id,
  start: IsoDateInput,
  end: IsoDateInput,
  pets: int(1, 20),
  message: FreeText(2000).optional(),
});
export type RequestStayInput = z.input<typeof RequestStay>;

/** accept / decline / cancel / complete. */
export const BookingAction = z.object({ bookingId: Id });

/** The sitter cancels an accepted stay; the tenant reads the reason. */
export const SitterCancel = BookingAction.extend({
  reason: FreeText(500).min(1, { error: "Tell the pet owner why you cancel" }),
});
export type SitterCancelInput = z.input<typeof SitterCancel>;

export const ListBookings = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  /** The id of the last booking of the previous page (keyset pagination). */
  cursor: Id.optional(),
  limit: int(1, 50).default(20),
});
export type ListBookingsInput = z.input<typeof ListBookings>;

const HttpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "Use an https:// address" })
  .max(2048, { error: "At most 2048 characters" });

/** Create or edit a listing (the edit form submits every field). */
export const ListingInput = z.object({
  title: FreeText(120).min(3, { error: "At least 3 characters" }),
  description: FreeText(5000).min(1, { error: "Describe the stay" }),
  city: FreeText(80).min(1, { error: "Name the city" }),
  timeZone: z
    .string()
    .max(64)
    .transform((name, ctx) => {
      const id = ianaTimeZone(name);
      if (!id) ctx.addIssue({ code: "custom", message: "Use an IANA time zone such as Europe/Berlin" });
      return id ?? name;
    }),
  nightlyPriceMinor: int(0, MAX_NIGHTLY_PRICE_MINOR),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "Use an ISO 4217 code such as EUR" })
    .refine((c) => Intl.supportedValuesOf("currency").includes(c), { error: "Unknown currency" }),
  species: z
    .array(z.enum(SPECIES))
    .min(1, { error: "Choose at least one species" })
    .transform((s) => [...new Set(s)]),
  maxPets: int(1, 20),
  cancellationPolicy: z.enum(CANCELLATION_POLICIES),
  photoUrls: z
    .array(HttpsUrl)
    .max(MAX_PHOTOS, { error: `At most ${MAX_PHOTOS} photos` })
    .default([]),
});
export type ListingInputValues = z.input<typeof ListingInput>;

/** pause / resume / archive, and reading one's own listing. */
export const ListingAction = z.object({ listingId: Id });

export const WeeklyPlan = z.object({
  listingId: Id,
  /** ISO weekdays the sitter takes stays on: 1 = Monday … 7 = Sunday. */
  weekdays: z.array(int(1, 7)).min(1, { error: "Choose at least one weekday (pause the listing to take none)" }).max(7),
});
export type WeeklyPlanInput = z.input<typeof WeeklyPlan>;

/** A blocked range of dates, half-open like stays: `[start, end)`. */
export const AddBlock = z
  .object({ listingId: Id, start: IsoDateInput, end: IsoDateInput, reason: FreeText(200).optional() })
  .refine(({ start, end }) => start < end, { error: "The end date must be after the start date", path: ["end"] });
export type AddBlockInput = z.input<typeof AddBlock>;

export const RemoveBlock = z.object({ blockId: Id });
