import { SEARCH_SORTS, Species } from "@burrow/db";
import { choice } from "@burrow/ui/classes";
import type { FormValues } from "../_lib/search-url";
import { SEARCH_ERRORS_ID, type SearchFieldErrors } from "./search-errors";

const SORT_LABELS: Record<(typeof SEARCH_SORTS)[number], string> = {
  newest: "Newest",
  price: "Price, lowest first",
  rating: "Rating, best first",
};

/**
 * A plain GET form: submitting it navigates to /listings?…, so searches are shareable URLs, work
 * without JavaScript and the back button returns to the previous search. Fields named in `errors`
 * are marked invalid and point at SearchErrors' list.
 */
export function SearchForm({
  values,
  errors = {},
  compact = false,
}: {
  values: FormValues;
  errors?: SearchFieldErrors;
  compact?: boolean;
}) {
  const invalid = (field: keyof FormValues) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": SEARCH_ERRORS_ID } : {};
  return (
    <search aria-label="Search stays">
      <form
        method="get"
        action="/listings"
        className="card mb-6 grid grid-cols-[repeat(auto-fill,minmax(min(100%,8rem),1fr))] items-end gap-x-4 gap-y-3 px-3 sm:px-5"
      >
        <label className="field">
          City
          <input
            name="city"
            {...invalid("city")}
            defaultValue={values.city}
            maxLength={80}
            autoComplete="address-level2"
          />
        </label>
        <label className="field">
          Pets
          <input
            type="number"
            name="pets"
            {...invalid("pets")}
            min={1}
            max={20}
            defaultValue={values.pets}
            inputMode="numeric"
          />
        </label>
        <label className="field">
          Check-in
          <input type="date" className="px-2" name="start" {...invalid("start")} defaultValue={values.start} />
        </label>
        <label className="field">
          Check-out
          <input type="date" className="px-2" name="end" {...invalid("end")} defaultValue={values.end} />
        </label>
        {!compact && (
          <>
            <label className="field">
              Min price / night
              <input
                type="number"
                name="minPrice"
                {...invalid("minPrice")}
                min={0}
                defaultValue={values.minPrice}
                inputMode="numeric"
              />
            </label>
            <label className="field">
              Max price / night
              <input
                type="number"
                name="maxPrice"
                {...invalid("maxPrice")}
                min={0}
                defaultValue={values.maxPrice}
                inputMode="numeric"
              />
            </label>
            <label className="field">
              Words in title or description
              <input type="search" name="q" {...invalid("q")} defaultValue={values.q} maxLength={100} />
            </label>
            <label className="field">
              Sort by
              <select name="sort" defaultValue={values.sort} {...invalid("sort")}>
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
                    {...invalid("species")}
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
