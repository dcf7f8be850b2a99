import type { ListingSummary } from "@burrow/db";
import { cardGrid } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";

function groupByCity(listings: ListingSummary[]): [city: string, listings: ListingSummary[]][] {
  const groups = new Map<string, ListingSummary[]>();
  for (const listing of listings) {
    const group = groups.get(listing.city);
    if (group) group.push(listing);
    else groups.set(listing.city, [listing]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

export function ListingsByCity({ listings }: { listings: ListingSummary[] }) {
  if (listings.length === 0) {
    return <p className="notice">No active listings yet. Listings sitters publish will show up here.</p>;
  }
  return (
    <div className="grid gap-8">
      {groupByCity(listings).map(([city, cityListings]) => (
        <section key={city}>
          <h2 className="mt-0 mb-3 text-xl">
            {city} <span className="text-muted">({cityListings.length})</span>
          </h2>
          <ul className={cardGrid}>
            {cityListings.map((listing) => (
              <li key={listing.id} className="card">
                <h3>{listing.title}</h3>
                <p>
                  <strong>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)}</strong> / night · up to{" "}
                  {listing.maxPets} {listing.maxPets === 1 ? "pet" : "pets"}
                </p>
                <p className="text-muted">
                  {listing.species.map((s) => s.toLowerCase()).join(", ")}
                  {listing.sitterName && ` · ${listing.sitterName}`}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
