import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ImageRef } from "@/server/photos";
import { photo } from "./photo-classes";
import { ResponsiveImage } from "./responsive-image";

/** Cards in the first row at the widest layout: their photos load eagerly, the rest when scrolled near. */
export const FIRST_ROW = 4;

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
  cover,
  photoUrl,
  eager = false,
  children,
}: {
  listing: CardListing;
  href: string;
  /** The uploaded cover photo; without one, the legacy `photoUrl`. */
  cover?: ImageRef | null;
  photoUrl?: string | null;
  /** In the first row: the photo loads at once rather than lazily. */
  eager?: boolean;
  /** Extra lines after the price, e.g. the rating. */
  children?: ReactNode;
}) {
  return (
    <li className="card">
      {cover ? (
        <ResponsiveImage image={cover} layout="card" eager={eager} />
      ) : (
        photoUrl && (
          // Plain img: legacy photos live on any https host, which next/image would need configured.
          <img className={`${photo} mb-3`} src={photoUrl} alt="" loading="lazy" />
        )
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
