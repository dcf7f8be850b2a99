import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import type { ReactNode } from "react";

/** A listing's photo, cropped to the same shape wherever it shows. */
export const photo = "aspect-3/2 w-full rounded-lg bg-border object-cover";

interface CardListing {
  title: string;
  city: string;
  nightlyPriceMinor: number;
  currency: string;
  maxPets: number;
  sitterName: string | null;
}

/** One stay among cards (home page, search results); its title links to the listing page at `href`. */
export function ListingCard({
  listing,
  href,
  photoUrl,
  children,
}: {
  listing: CardListing;
  href: string;
  photoUrl?: string | null;
  /** Extra lines after the price, e.g. the rating. */
  children?: ReactNode;
}) {
  return (
    <li className="card">
      {photoUrl && (
        // Plain img: sitters' photos live on any https host, which next/image would need configured.
        <img className={`${photo} mb-3`} src={photoUrl} alt="" loading="lazy" />
      )}
      <h2>
        <Link href={href}>{listing.title}</Link>
      </h2>
      <p className="text-muted">{listing.city}</p>
      <p>
        <strong>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)}</strong>
        {` / night · up to ${listing.maxPets} ${listing.maxPets === 1 ? "pet" : "pets"}`}
      </p>
      {children}
      {listing.sitterName && <p className="text-muted">{`Hosted by ${listing.sitterName}`}</p>}
    </li>
  );
}
