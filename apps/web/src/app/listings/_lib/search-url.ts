// Building /listings and /listings/[id] URLs from a parsed search, so every link (pagination,
// results, the listing page's back link) carries the same filters and the back button just works.
import type { ListingSearch } from "@burrow/db";

/** A page's searchParams as Next passes them. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The raw values to prefill the form with, valid or not, so a wrong value can be corrected in place. */
export function formValues(raw: RawSearchParams) {
  const one = (key: string) => {
    const value = raw[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const species = [raw.species ?? []].flat();
  return {
    city: one("city"),
    start: one("start"),
    end: one("end"),
    pets: one("pets"),
    species,
    minPrice: one("minPrice"),
    maxPrice: one("maxPrice"),
    q: one("q"),
    sort: one("sort") || "newest",
  };
}
export type FormValues = ReturnType<typeof formValues>;

function searchQuery(search: ListingSearch, cursor?: string): URLSearchParams {
  const query = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") query.set(key, String(value));
  };
  set("city", search.city);
  set("start", search.stay?.start);
  set("end", search.stay?.end);
  set("pets", search.pets);
  for (const species of search.species) query.append("species", species);
  set("minPrice", search.minPrice);
  set("maxPrice", search.maxPrice);
  set("q", search.q);
  set("sort", search.sort);
  set("cursor", cursor);
  return query;
}

export function searchHref(search: ListingSearch, cursor?: string): string {
  const query = searchQuery(search, cursor).toString();
  return query ? `/listings?${query}` : "/listings";
}

/** A result's page, carrying the chosen stay (dates and pets) for the "Request a stay" form. */
export function listingHref(id: string, search: Pick<ListingSearch, "stay" | "pets">): string {
  const query = new URLSearchParams();
  if (search.stay) {
    query.set("start", search.stay.start);
    query.set("end", search.stay.end);
  }
  if (search.pets !== undefined) query.set("pets", String(search.pets));
  const qs = query.toString();
  return qs ? `/listings/${id}?${qs}` : `/listings/${id}`;
}
