import { SEARCH_SORTS, Species } from "@burrow/db";
import { choice } from "@burrow/ui/classes";
import type { FormValues } from "../_lib/search-url";

const SORT_LABELS: Record<(typeof SEARCH_SORTS)[number], string> = {
  newest: "Newest",
  price: "Price, lowest first",
  rating: "Rating, best first",
};

/**
 * A plain GET form: submitting it navigates to /listings?…, so searches are shareable URLs, work
 * without JavaScript and the back button returns to the previous search.
 */
export function SearchForm({ values, compact = false }: { values: FormValues; compact?: boolean }) {
  return (
    <search aria-label="Search stays">
      <form
        method="get"
        action="/listings"
        className="card mb-6 grid grid-cols-[repeat(auto-fill,minmax(min(100%,11rem),1fr))] items-end gap-x-4 gap-y-3"
      >
        <label className="field">
          City
          <input name="city" defaultValue={values.city} maxLength={80} autoComplete="address-level2" />
        </label>
        <label className="field">
          Check-in
          <input type="date" name="start" defaultValue={values.start} />
        </label>
        <label className="field">
          Check-out
          <input type="date" name="end" defaultValue={values.end} />
        </label>
        <label className="field">
          Pets
          <input type="number" name="pets" min={1} max={20} defaultValue={values.pets} inputMode="numeric" />
        </label>
        {!compact && (
          <>
            <label className="field">
              Min price / night
              <input type="number" name="minPrice" min={0} defaultValue={values.minPrice} inputMode="numeric" />
            </label>
            <label className="field">
              Max price / night
              <input type="number" name="maxPrice" min={0} defaultValue={values.maxPrice} inputMode="numeric" />
            </label>
            <label className="field">
              Words in title or description
              <input type="search" name="q" defaultValue={values.q} maxLength={100} />
            </label>
            <label className="field">
              Sort by
              <select name="sort" defaultValue={values.sort}>
                {SEARCH_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="col-span-full m-0 flex flex-wrap gap-x-4 gap-y-1 rounded-card border border-border px-3 py-2">
              <legend>Species the sitter takes</legend>
              {Object.values(Species).map((species) => (
                <label key={species} className={choice}>
                  <input
                    type="checkbox"
                    name="species"
                    value={species}
                    defaultChecked={values.species.includes(species)}
                  />
                  {species.charAt(0) + species.slice(1).toLowerCase()}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <button type="submit" className="button">
          Search
        </button>
      </form>
    </search>
  );
}
