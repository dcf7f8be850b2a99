import type { ListingSummary } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";

export function ListingList({ listings }: { listings: ListingSummary[] }) {
  if (listings.length === 0) {
    return (
      <p className="notice">No stays are listed yet. Check back soon, or become a sitter and list the first one.</p>
    );
  }
  return (
    <ul className="listing-grid">
      {listings.map((listing) => (
        <li key={listing.id} className="card">
          <h2 className="card__title">{listing.title}</h2>
          <p className="muted">{listing.city}</p>
          <p>
            <strong>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)}</strong> / night
          </p>
          {listing.sitterName && <p className="muted">Hosted by {listing.sitterName}</p>}
        </li>
      ))}
    </ul>
  );
}
