import { listingPhotoRepository } from "@burrow/db";
import type { Metadata } from "next";
import Link from "next/link";
import { toMajorUnits } from "@/lib/listing-form";
import { photoImage } from "@/server/photo-views";
import { ListingForm } from "../../_components/listing-form";
import { PhotoManager } from "../../_components/photo-manager";
import { sitterListing } from "../../_lib/sitter-listing";
import { updateListing } from "../../actions";

export const metadata: Metadata = { title: "Edit listing" };

export default async function EditListingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { listing } = await sitterListing(id, `/listings/${id}/edit`);
  const photos = listing.status === "ARCHIVED" ? [] : await listingPhotoRepository().list(listing.id);
  return (
    <section aria-labelledby="edit-listing-heading" className="max-w-2xl">
      <h1 id="edit-listing-heading">Edit “{listing.title}”</h1>
      <p>
        <Link href="/listings">Back to your listings</Link> ·{" "}
        <Link href={`/listings/${listing.id}/availability`}>Availability</Link>
      </p>
      {listing.status === "ARCHIVED" ? (
        <p className="notice">This listing is archived and can no longer be edited.</p>
      ) : (
        <>
          <PhotoManager listingId={listing.id} photos={photos.map(photoImage)} />
          <ListingForm
            action={updateListing}
            listingId={listing.id}
            submitLabel="Save listing"
            initial={{
              title: listing.title,
              description: listing.description,
              city: listing.city,
              timeZone: listing.timeZone,
              price: toMajorUnits(listing.nightlyPriceMinor, listing.currency),
              currency: listing.currency,
              species: listing.species,
              maxPets: String(listing.maxPets),
              cancellationPolicy: listing.cancellationPolicy,
              photoUrls: listing.photoUrls.join("\n"),
            }}
            photoUrlsField={photos.length === 0}
          />
        </>
      )}
    </section>
  );
}
