/**
 * A GET form into the pets app's booking page: submitting it opens
 * PETS_URL/book/<id>?start=…&end=…&pets=…, prefilled with the stay chosen on the search page.
 * Pets owns requests (and signs the visitor in); this page only carries the choice over.
 */
export function RequestStayForm({
  action,
  stay,
  maxPets,
}: {
  action: string;
  stay: { start: string; end: string; pets: number };
  maxPets: number;
}) {
  return (
    <form method="get" action={action} className="form m-0 justify-items-stretch" aria-labelledby="request-heading">
      <h2 id="request-heading">Request a stay</h2>
      <label className="field">
        Check-in
        <input type="date" name="start" defaultValue={stay.start} required />
      </label>
      <label className="field">
        Check-out
        <input type="date" name="end" defaultValue={stay.end} required />
      </label>
      <label className="field">
        Pets
        <input type="number" name="pets" min={1} max={maxPets} defaultValue={stay.pets} required />
      </label>
      <button type="submit" className="button">
        Request a stay
      </button>
      <p className="text-muted">You can review the price and send a message before anything is requested.</p>
    </form>
  );
}
