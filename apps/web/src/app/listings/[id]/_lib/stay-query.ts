import { z } from "zod";
import type { RawSearchParams } from "../../_lib/search-url";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * The stay a visitor chose on the search page (?start=&end=&pets=), to prefill the request form.
 * Only well-formed values are kept; anything else just leaves the field empty for them to choose
 * (the pets app validates the request itself).
 */
export function chosenStay(raw: RawSearchParams, maxPets: number) {
  const pick = <T>(schema: z.ZodType<T>, value: unknown) => {
    const parsed = schema.safeParse(first(value));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    start: pick(IsoDate, raw.start) ?? "",
    end: pick(IsoDate, raw.end) ?? "",
    pets: pick(z.coerce.number().int().min(1).max(maxPets), raw.pets) ?? 1,
  };
}
