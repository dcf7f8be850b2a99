// The public listing search's input: one zod schema for the /listings query string (every value a
// string, or several for repeated keys), and the opaque keyset cursor. Pure: no I/O.
import {
  FreeText,
  inStorableYears,
  MAX_NIGHTLY_PRICE_MINOR,
  MAX_NIGHTS,
  SPECIES,
  STORABLE_YEARS_MESSAGE,
  withoutNul,
} from "@burrow/booking";
import { z } from "zod";

export const SEARCH_SORTS = ["price", "rating", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const PAGE_SIZE = 20;
/**
 * Whole currency units. No listing costs more (a zero-decimal currency's price is its minor units), so
 * zero-decimal currencies (JPY, KRW, IDR, …) can be bounded anywhere up to their listings' prices.
 */
const MAX_PRICE = MAX_NIGHTLY_PRICE_MINOR;

/** `?a=` and a missing `a` both mean "no filter". */
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
/** A repeated key arrives as an array; for single-valued fields the first value counts. */
const first = (value: unknown) => blankToUndefined(Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional());

/** Midnight UTC of a `YYYY-MM-DD` calendar date, or null for anything else (2027-02-30 included). */
function utcDay(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : time;
}

const IsoDate = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: "custom", message: "Use a date like 2027-03-01" });
  else if (utcDay(value) === null) ctx.addIssue({ code: "custom", message: "No such calendar date" });
  else if (!inStorableYears(value)) ctx.addIssue({ code: "custom", message: STORABLE_YEARS_MESSAGE });
});

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number<string>({ error: "Must be a number" })
    .int({ error: "Must be a whole number" })
    .min(min, { error: `Must be at least ${min}` })
    .max(max, { error: `Must be at most ${max.toLocaleString("en")}` });

/** The query string of /listings. Field errors are keyed by parameter name; the page names the field. */
export const SearchParams = z
  .object({
    city: optional(FreeText(80)),
    start: optional(IsoDate),
    end: optional(IsoDate),
    pets: optional(wholeNumber(1, 20)),
    species: z.preprocess(
      (value) => (value === undefined || value === "" ? [] : [value].flat().filter((v) => v !== "")),
      z.array(z.enum(SPECIES, { error: "Unknown species" })).transform((s) => [...new Set(s)].sort()),
    ),
    minPrice: optional(wholeNumber(0, MAX_PRICE)),
    maxPrice: optional(wholeNumber(0, MAX_PRICE)),
    q: optional(FreeText(100)),
    sort: z.preprocess(first, z.enum(SEARCH_SORTS, { error: "Choose price, rating or newest" }).default("newest")),
    cursor: optional(z.string().max(500, { error: "Malformed page link" })),
  })
  .superRefine((v, ctx) => {
    if ((v.start === undefined) !== (v.end === undefined)) {
      const path = v.start === undefined ? "start" : "end";
      ctx.addIssue({ code: "custom", path: [path], message: "Choose both a check-in and a check-out date" });
    } else if (v.start !== undefined && v.end !== undefined) {
      // Zod runs this refinement even when a field failed; only two real dates have nights between them.
      const [start, end] = [utcDay(v.start), utcDay(v.end)];
      if (start === null || end === null) return;
      const nights = (end - start) / 86_400_000;
      if (nights <= 0) ctx.addIssue({ code: "custom", path: ["end"], message: "Check-out must be after check-in" });
      else if (nights > MAX_NIGHTS) {
        ctx.addIssue({ code: "custom", path: ["end"], message: `A stay can be at most ${MAX_NIGHTS} nights` });
      }
    }
    if (v.minPrice !== undefined && v.maxPrice !== undefined && v.minPrice > v.maxPrice) {
      ctx.addIssue({ code: "custom", path: ["maxPrice"], message: "Must not be below the minimum price" });
    }
  })
  .transform(({ start, end, ...rest }) => ({
    ...rest,
    stay: start !== undefined && end !== undefined ? { start, end } : undefined,
  }));

export type SearchParamsInput = z.input<typeof SearchParams>;

/** What the repository searches for (prices in whole units of each listing's currency, as typed in the form). */
export type ListingSearch = z.output<typeof SearchParams>;

/** ISO weekday bit (bit 0 = Monday … bit 6 = Sunday, like listings.weekdays) of each night in `[start, end)`. */
export function nightsMask(start: string, end: string): number {
  let mask = 0;
  const day = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  // Seven nights cover every weekday.
  for (let n = 0; day < last && n < 7; n++) {
    mask |= 1 << ((day.getUTCDay() + 6) % 7);
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return mask;
}

// ── the keyset cursor ───────────────────────────────────────────────────────────────────────────
// Opaque to clients: base64url JSON of the last row's sort key and id. Decoding re-validates it,
// so a tampered cursor is a "malformed page link", never a query error: every key must be a value
// its SQL cast accepts (int4 for the rating count, a timestamptz PostgreSQL can store, text without NUL).

const CursorId = z.string().min(1).max(40).check(withoutNul);
const CursorShape = z.discriminatedUnion("s", [
  z.object({ s: z.literal("price"), k: z.tuple([z.int().min(0)]), id: CursorId }),
  z.object({
    s: z.literal("rating"),
    k: z.tuple([z.number().min(0).max(5), z.int().min(0).max(2_147_483_647)]),
    id: CursorId,
  }),
  z.object({ s: z.literal("newest"), k: z.tuple([z.iso.datetime().refine(inStorableYears)]), id: CursorId }),
]);
export type Cursor = z.infer<typeof CursorShape>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** The cursor for `sort`, or null when it is malformed or belongs to another sort order. */
export function decodeCursor(value: string, sort: SearchSort): Cursor | null {
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success && parsed.data.s === sort ? parsed.data : null;
  } catch {
    return null;
  }
}
