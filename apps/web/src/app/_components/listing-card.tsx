import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Picture } from "@/server/photos";
import { ResponsiveImage } from "./responsive-image";

/** A listing's photo, cropped to the same shape wherever it shows. */
export const photo = "aspect-3/2 w-full rounded-lg bg-border object-cover";

/** A card's width in the card grid (columns of at least 16rem in the 72rem page column). */
const CARD_SIZES = "(min-width: 1104px) 270px, (min-width: 832px) 33vw, (min-width: 560px) 50vw, 100vw";

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
  cover?: Picture | null;
  photoUrl?: string | null;
  /** In the first row: the photo loads at once rather than lazily. */
  eager?: boolean;
  /** Extra lines after the price, e.g. the rating. */
  children?: ReactNode;
}) {
  return (
    <li className="card">
      {cover ? (
        <ResponsiveImage className={`${photo} mb-3`} picture={cover} sizes={CARD_SIZES} eager={eager} />
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
