// The listing form as the sitter fills it in: the nightly price in major units ("45.50"), photo
// URLs one per line, species as checkboxes. ListingForm turns it into @burrow/booking's
// ListingInput (price in integer minor units), with every error keyed by the form's field names.
import { ListingInput, type ListingInputValues } from "@burrow/booking";
import { z } from "zod";

/** Digits after the decimal point in `currency` (EUR 2, JPY 0); null for a malformed code. */
export function minorDigits(currency: string): number | null {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
}

/** "45.5" EUR → 4550, without floating point; null when it is not a plain non-negative amount. */
export function toMinorUnits(amount: string, digits: number): number | null {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(amount);
  if (!match) return null;
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** Minor units back to the major-unit text the form shows (4550 EUR → "45.50"). */
export function toMajorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

export const LISTING_FORM_MULTI = ["species"] as const;

export const ListingForm = z
  .object({
    title: z.string().max(10_000),
    description: z.string().max(100_000),
    city: z.string().max(10_000),
    timeZone: z.string().max(10_000),
    price: z.string().trim().max(32, { error: "Enter an amount like 45.00" }),
    currency: z.string().trim().toUpperCase().max(16),
    species: z.array(z.string().max(32)).max(32),
    maxPets: z.string().max(32),
    cancellationPolicy: z.string({ error: "Choose a cancellation policy" }).max(32),
    photoUrls: z.string().max(50_000).default(""),
  })
  .transform(({ price, photoUrls, ...rest }, ctx): ListingInputValues => {
    const digits = minorDigits(rest.currency) ?? 2;
    const nightlyPriceMinor = toMinorUnits(price, digits);
    if (nightlyPriceMinor === null) {
      ctx.addIssue({
        code: "custom",
        path: ["price"],
        message:
          digits === 0
            ? "Enter a whole amount of 0 or more, like 4500"
            : `Enter an amount of 0 or more with at most ${digits} decimals, like 45.00`,
      });
      return z.NEVER;
    }
    const urls = photoUrls
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    // Species and policy stay plain strings here: ListingInput, piped next, checks them with the rest.
    return {
      ...rest,
      species: rest.species as ListingInputValues["species"],
      cancellationPolicy: rest.cancellationPolicy as ListingInputValues["cancellationPolicy"],
      nightlyPriceMinor,
      photoUrls: urls,
    };
  })
  .pipe(ListingInput);

/** ListingInput's field names as the form names them. */
const FORM_FIELD: Record<string, string> = { nightlyPriceMinor: "price" };

/** Field errors of ListingForm (or of the repository's ListingInput) keyed by form field; photo errors per line merged. */
export function listingFieldErrors(fieldErrors: Partial<Record<string, string[]>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (!messages) continue;
    const name = FORM_FIELD[field] ?? field;
    out[name] = [...new Set([...(out[name] ?? []), ...messages])];
  }
  return out;
}
