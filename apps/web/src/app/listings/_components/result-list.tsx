import type { ListingHit, ListingSearch } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { listingHref } from "../_lib/search-url";
import styles from "../listings.module.css";
import { Rating } from "./rating";

export function ResultList({ items, search }: { items: ListingHit[]; search: Pick<ListingSearch, "stay" | "pets"> }) {
  return (
    <ul className={styles.results} aria-label="Stays">
      {items.map((hit) => (
        <li key={hit.id} className={styles.card}>
          {hit.photoUrl && (
            // Plain img: sitters' photos live on any https host, which next/image would need configured.
            <img className={styles.photo} src={hit.photoUrl} alt="" loading="lazy" />
          )}
          <h2>
            <Link href={listingHref(hit.id, search)}>{hit.title}</Link>
          </h2>
          <p className="muted">{hit.city}</p>
          <p>
            <strong>{formatMinorUnits(hit.nightlyPriceMinor, hit.currency)}</strong> / night · up to {hit.maxPets}{" "}
            {hit.maxPets === 1 ? "pet" : "pets"}
          </p>
          <p>
            <Rating average={hit.ratingAvg} count={hit.ratingCount} />
          </p>
          {hit.sitterName && <p className="muted">Hosted by {hit.sitterName}</p>}
        </li>
      ))}
    </ul>
  );
}
