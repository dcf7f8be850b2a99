const LABELS: Record<string, string> = {
  city: "City",
  start: "Check-in",
  end: "Check-out",
  pets: "Pets",
  species: "Species",
  minPrice: "Min price",
  maxPrice: "Max price",
  q: "Words",
  sort: "Sort by",
  cursor: "Page",
};

export type SearchFieldErrors = Partial<Record<string, string[]>>;

/** The list's id: SearchForm's invalid fields name it in aria-describedby. */
export const SEARCH_ERRORS_ID = "search-errors";

/** What was wrong with the query string, per field, as a visible alert (the page still renders). */
export function SearchErrors({ fieldErrors }: { fieldErrors: SearchFieldErrors }) {
  const entries = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => `${LABELS[field] ?? field}: ${message}`),
  );
  return (
    <div role="alert">
      <p>
        <strong>Some search terms could not be used.</strong> Please correct them and search again.
      </p>
      <ul id={SEARCH_ERRORS_ID} className="notice notice--error pl-10 text-danger">
        {entries.map((entry) => (
          <li key={entry}>{entry}</li>
        ))}
      </ul>
    </div>
  );
}
