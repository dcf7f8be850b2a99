import type { ListingHit, ListingSearch } from "@burrow/db";
import { cardGrid } from "@burrow/ui/classes";
import { imageRef } from "@/server/photos";
import { FIRST_ROW, ListingCard } from "../../_components/listing-card";
import { listingHref } from "../_lib/search-url";
import { Rating } from "./rating";

export function ResultList({ items, search }: { items: ListingHit[]; search: Pick<ListingSearch, "stay" | "pets"> }) {
  return (
    <ul className={cardGrid} aria-label="Stays">
      {items.map((hit, i) => (
        <ListingCard
          key={hit.id}
          listing={hit}
          href={listingHref(hit.id, search)}
          cover={hit.cover && imageRef("listing", hit.cover, hit.cover.alt)}
          photoUrl={hit.photoUrl}
          eager={i < FIRST_ROW}
        >
          <p>
            <Rating average={hit.ratingAvg} count={hit.ratingCount} />
          </p>
        </ListingCard>
      ))}
    </ul>
  );
}
