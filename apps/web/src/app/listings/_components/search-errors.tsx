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

/** What was wrong with the query string, per field, as a visible alert (the page still renders). */
export function SearchErrors({ fieldErrors }: { fieldErrors: Partial<Record<string, string[]>> }) {
  const entries = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => `${LABELS[field] ?? field}: ${message}`),
  );
  return (
    <div role="alert">
      <p>
        <strong>Some search terms could not be used.</strong> Please correct them and search again.
      </p>
      <ul className="notice notice--error pl-10 text-danger">
        {entries.map((entry) => (
          <li key={entry}>{entry}</li>
        ))}
      </ul>
    </div>
  );
}
