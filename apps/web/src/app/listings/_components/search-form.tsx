import { SEARCH_SORTS, Species } from "@burrow/db";
import type { FormValues } from "../_lib/search-url";
import styles from "../listings.module.css";

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
      <form method="get" action="/listings" className={styles.search}>
        <label>
          City
          <input name="city" defaultValue={values.city} maxLength={80} autoComplete="address-level2" />
        </label>
        <label>
          Check-in
          <input type="date" name="start" defaultValue={values.start} />
        </label>
        <label>
          Check-out
          <input type="date" name="end" defaultValue={values.end} />
        </label>
        <label>
          Pets
          <input type="number" name="pets" min={1} max={20} defaultValue={values.pets} inputMode="numeric" />
        </label>
        {!compact && (
          <>
            <label>
              Min price / night
              <input type="number" name="minPrice" min={0} defaultValue={values.minPrice} inputMode="numeric" />
            </label>
            <label>
              Max price / night
              <input type="number" name="maxPrice" min={0} defaultValue={values.maxPrice} inputMode="numeric" />
            </label>
            <label>
              Words in title or description
              <input type="search" name="q" defaultValue={values.q} maxLength={100} />
            </label>
            <label>
              Sort by
              <select name="sort" defaultValue={values.sort}>
                {SEARCH_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>Species the sitter takes</legend>
              {Object.values(Species).map((species) => (
                <label key={species} className={styles.check}>
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
