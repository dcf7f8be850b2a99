import { addDays, todayIn } from "@burrow/booking";
import { availabilityRepository, listingPhotoRepository, listingRepository, reviewRepository } from "@burrow/db";
import { columns } from "@burrow/ui/classes";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/auth";
import { photoImage } from "@/server/photo-views";
import { AvailabilityCalendar } from "../../_components/calendar";
import { ListingReviews } from "./_components/listing-reviews";
import { ListingSummary } from "./_components/listing-summary";
import { RequestForm } from "./_components/request-form";

export const metadata: Metadata = { title: "Request a stay" };

const REVIEWS_SHOWN = 5;

/** The link from web's listing page prefills the form; anything malformed is just left out. */
const BookQuery = z.object({
  start: z.iso.date().optional().catch(undefined),
  end: z.iso.date().optional().catch(undefined),
  pets: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
});

export default async function BookPage({
  params,
  searchParams,
}: {
  params: Promise<{ listingId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ listingId }, query] = await Promise.all([params, searchParams]);
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  ).toString();
  await requireUser({ returnTo: `/book/${encodeURIComponent(listingId)}${search ? `?${search}` : ""}` });
  const [found, calendar, reviews, photos] = await Promise.all([
    listingRepository().findPublic(listingId),
    availabilityRepository().publicCalendar(listingId),
    reviewRepository().forListing(listingId, { limit: REVIEWS_SHOWN }),
    listingPhotoRepository().list(listingId),
  ]);
  if (!found.ok || !calendar.ok) notFound();
  const { listing } = found;
  const prefill = BookQuery.parse(query);
  const tomorrow = addDays(todayIn(listing.timeZone, new Date()), 1);

  return (
    <article aria-labelledby="book-heading">
      <h1 id="book-heading">{listing.title}</h1>
      <ListingSummary listing={listing} photos={photos.map(photoImage)} rating={reviews} />
      <div className={columns}>
        <section aria-labelledby="request-heading">
          <h2 id="request-heading">Request a stay</h2>
          <p className="text-muted">
            Dates are in {listing.timeZone}. The sitter has 72 hours (or until your arrival day) to answer.
          </p>
          <RequestForm
            listingId={listing.id}
            minDate={tomorrow}
            maxPets={listing.maxPets}
            defaults={{ start: prefill.start ?? "", end: prefill.end ?? "", pets: String(prefill.pets ?? 1) }}
          />
        </section>
        <section aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">Availability</h2>
          <AvailabilityCalendar
            days={calendar.days}
            timeZone={listing.timeZone}
            states={["free", "booked", "blocked", "off"]}
          />
        </section>
      </div>
      <ListingReviews reviews={reviews.items} />
    </article>
  );
}
