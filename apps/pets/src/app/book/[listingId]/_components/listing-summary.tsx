import { REFUND_POLICIES } from "@burrow/booking";
import type { PublicListing } from "@burrow/db";
import { sitterCancellationsText } from "@burrow/ui/cancellations";
import { bareList, facts } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import { policySummary } from "@/lib/policy";
import { ListingPhoto, type PhotoImage } from "../../../_components/listing-photo";

/** Uploaded photos (cover first) when the listing has any, else its legacy photo addresses. */
export function ListingSummary({
  listing,
  photos,
  rating,
}: {
  listing: PublicListing;
  photos: (PhotoImage & { id: string })[];
  rating: { average: number | null; count: number };
}) {
  return (
    <>
      <dl className={facts}>
        <dt>City</dt>
        <dd>{listing.city}</dd>
        <dt>Sitter</dt>
        <dd>
          {listing.sitterName ?? "A Burrow sitter"}
          <span className="block text-muted" data-testid="sitter-cancellations">
            {sitterCancellationsText(listing.sitterCancellations)}
          </span>
        </dd>
        <dt>Price</dt>
        <dd>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)} per night</dd>
        <dt>Pets</dt>
        <dd>
          {listing.species.map((s) => s.toLowerCase()).join(", ")}; up to {listing.maxPets}
        </dd>
        <dt>Cancellation</dt>
        <dd>
          {listing.cancellationPolicy.toLowerCase()}: {policySummary(REFUND_POLICIES[listing.cancellationPolicy])}
        </dd>
        <dt>Reviews</dt>
        <dd data-testid="rating">
          {rating.average === null
            ? "No published reviews yet"
            : `${rating.average.toFixed(1)} of 5 from ${rating.count} ${rating.count === 1 ? "review" : "reviews"}`}
        </dd>
      </dl>
      <p className="max-w-[60ch] whitespace-pre-wrap wrap-anywhere">{listing.description}</p>
      {photos.length > 0 ? (
        <ul className={`${bareList} mb-4 flex flex-wrap gap-2`} aria-label="Photos">
          {photos.map((photo, i) => (
            <li key={photo.id} className="w-60 max-w-full">
              <ListingPhoto photo={photo} sizes="15rem" className="w-full rounded-card" eager={i === 0} />
            </li>
          ))}
        </ul>
      ) : (
        listing.photoUrls.length > 0 && (
          <ul className={`${bareList} mb-4 flex flex-wrap gap-2`}>
            {listing.photoUrls.map((url, i) => (
              <li key={url}>
                {/* Plain img: sitters' photos live on any https host, which next/image would need configured one by one. */}
                <img
                  className="h-auto max-w-full rounded-card"
                  src={url}
                  alt={`${listing.title}, ${i + 1} of ${listing.photoUrls.length}`}
                  loading="lazy"
                  width={240}
                  height={160}
                />
              </li>
            ))}
          </ul>
        )
      )}
    </>
  );
}
