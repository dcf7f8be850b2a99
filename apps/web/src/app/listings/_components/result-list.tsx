import type { ListingHit, ListingSearch } from "@burrow/db";
import { cardGrid } from "@burrow/ui/classes";
import { ListingCard } from "../../_components/listing-card";
import { listingHref } from "../_lib/search-url";
import { Rating } from "./rating";

export function ResultList({ items, search }: { items: ListingHit[]; search: Pick<ListingSearch, "stay" | "pets"> }) {
  return (
    <ul className={cardGrid} aria-label="Stays">
      {items.map((hit) => (
        <ListingCard key={hit.id} listing={hit} href={listingHref(hit.id, search)} photoUrl={hit.photoUrl}>
          <p>
            <Rating average={hit.ratingAvg} count={hit.ratingCount} />
          </p>
        </ListingCard>
      ))}
    </ul>
  );
}
