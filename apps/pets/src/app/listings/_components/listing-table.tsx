import type { Listing } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { ListingStatusForm } from "./status-form";

const STATUS_NOTES = {
  ACTIVE: "Active: takes requests",
  PAUSED: "Paused: takes no new requests",
  ARCHIVED: "Archived",
} as const;

export function ListingTable({ listings }: { listings: Listing[] }) {
  if (listings.length === 0) {
    return (
      <p className="notice">
        You have no listings yet. <Link href="/listings/new">Create your first listing</Link>.
      </p>
    );
  }
  return (
    <ul className="listing-grid" data-testid="my-listings">
      {listings.map((listing) => (
        <li key={listing.id} className="card" data-testid="my-listing">
          <h2 className="card__title">{listing.title}</h2>
          <p>
            {listing.city} · {formatMinorUnits(listing.nightlyPriceMinor, listing.currency)} / night
          </p>
          <p>
            <span className={`badge badge--${listing.status.toLowerCase()}`}>{STATUS_NOTES[listing.status]}</span>
          </p>
          {listing.status !== "ARCHIVED" && (
            <ul className="card__links">
              <li>
                <Link href={`/listings/${listing.id}/edit`}>
                  Edit<span className="visually-hidden"> {listing.title}</span>
                </Link>
              </li>
              <li>
                <Link href={`/listings/${listing.id}/availability`}>
                  Availability<span className="visually-hidden"> of {listing.title}</span>
                </Link>
              </li>
              {listing.status === "ACTIVE" && (
                <li>
                  <Link href={`/book/${listing.id}`}>
                    Public page<span className="visually-hidden"> of {listing.title}</span>
                  </Link>
                </li>
              )}
            </ul>
          )}
          <ListingStatusForm listingId={listing.id} status={listing.status} title={listing.title} />
        </li>
      ))}
    </ul>
  );
}
