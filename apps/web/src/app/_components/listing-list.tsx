import type { ActiveListing } from "@burrow/db";
import { cardGrid } from "@burrow/ui/classes";
import { imageRef } from "@/server/photos";
import { FIRST_ROW, ListingCard } from "./listing-card";

export function ListingList({ listings }: { listings: ActiveListing[] }) {
  if (listings.length === 0) {
    return (
      <p className="notice">No stays are listed yet. Check back soon, or become a sitter and list the first one.</p>
    );
  }
  return (
    <ul className={cardGrid}>
      {listings.map((listing, i) => (
        <ListingCard
          key={listing.id}
          listing={listing}
          href={`/listings/${listing.id}`}
          cover={listing.cover && imageRef("listing", listing.cover, listing.cover.alt)}
          photoUrl={listing.photoUrl}
          eager={i < FIRST_ROW}
        />
      ))}
    </ul>
  );
}
