import { type Listing, listingRepository } from "@burrow/db";
import { cardGrid, inlineList } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { StatusPill } from "../../_components/status-pill";
import { ListingStatusForm } from "./status-form";

const STATUS_NOTES = {
  ACTIVE: { text: "Active: takes requests", tone: "good" },
  PAUSED: { text: "Paused: takes no new requests", tone: "pending" },
  ARCHIVED: { text: "Archived", tone: "over" },
} as const;

/** The sitter's listings, streamed in under the page's heading. */
export async function SitterListings({ sitterId }: { sitterId: string }) {
  return <ListingTable listings={await listingRepository().listBySitter(sitterId)} />;
}

function ListingTable({ listings }: { listings: Listing[] }) {
  if (listings.length === 0) {
    return (
      <p className="notice">
        You have no listings yet. <Link href="/listings/new">Create your first listing</Link>.
      </p>
    );
  }
  return (
    <ul className={cardGrid} data-testid="my-listings">
      {listings.map((listing) => (
        <li key={listing.id} className="card" data-testid="my-listing">
          <h2>{listing.title}</h2>
          <p>
            {listing.city} · {formatMinorUnits(listing.nightlyPriceMinor, listing.currency)} / night
          </p>
          <p>
            <StatusPill tone={STATUS_NOTES[listing.status].tone}>{STATUS_NOTES[listing.status].text}</StatusPill>
          </p>
          {listing.status !== "ARCHIVED" && (
            <ul className={`${inlineList} mt-1`}>
              <li>
                <Link href={`/listings/${listing.id}/edit`}>
                  Edit<span className="sr-only"> {listing.title}</span>
                </Link>
              </li>
              <li>
                <Link href={`/listings/${listing.id}/availability`}>
                  Availability<span className="sr-only"> of {listing.title}</span>
                </Link>
              </li>
              {listing.status === "ACTIVE" && (
                <li>
                  <Link href={`/book/${listing.id}`}>
                    Public page<span className="sr-only"> of {listing.title}</span>
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
