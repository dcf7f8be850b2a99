import type { ListingSummary } from "@burrow/db";
import { cardGrid } from "@burrow/ui/classes";
import { ListingCard } from "./listing-card";

export function ListingList({ listings }: { listings: ListingSummary[] }) {
  if (listings.length === 0) {
    return (
      <p className="notice">No stays are listed yet. Check back soon, or become a sitter and list the first one.</p>
    );
  }
  return (
    <ul className={cardGrid}>
      {listings.map((listing) => (
        <ListingCard key={listing.id} listing={listing} href={`/listings/${listing.id}`} />
      ))}
    </ul>
  );
}
