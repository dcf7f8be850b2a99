import { lastWrite } from "@burrow/auth/read-your-writes";
import { listingPageRepository } from "@burrow/db";
import { sitterCancellationsText } from "@burrow/ui/cancellations";
import { cardGrid, facts } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Suspense } from "react";
import { env } from "@/env";
import { photo } from "../../_components/photo-classes";
import { Rating } from "../_components/rating";
import type { RawSearchParams } from "../_lib/search-url";
import { AvailabilityCalendar } from "./_components/availability-calendar";
import { PhotoGallery } from "./_components/photo-gallery";
import { RequestStayForm } from "./_components/request-stay-form";
import { ReviewList } from "./_components/review-list";
import { SitterCard } from "./_components/sitter-card";
import { chosenStay } from "./_lib/stay-query";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
/** A boxed part of the page, its heading a little larger than a card title's. */
const SECTION = "card [&_h2]:mb-3 [&_h2]:text-xl";

/**
 * One read per request, shared by the metadata and the page; on a replica unless this browser's last
 * write has not reached one yet.
 */
const findListing = cache(async (id: string) => listingPageRepository().find(id, undefined, await lastWrite()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await findListing((await params).id);
  return { title: page?.listing.title ?? "Stay not found" };
}

export default async function ListingPage({ params, searchParams }: Props) {
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  // Paused, archived and hidden listings are not public: the same 404 as an unknown id. (No
  // loading.tsx above this page: a streamed response could no longer answer 404.)
  const page = await findListing(id);
  if (!page) notFound();
  const { listing, reviews, calendar } = page;
  const everyDay = listing.weekdays.length === 7;

  return (
    <article aria-labelledby="listing-heading">
      <p>
        <Link href="/listings">← All stays</Link>
      </p>
      <h1 id="listing-heading">{listing.title}</h1>
      <p>
        {listing.city} · <strong>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)}</strong> / night ·{" "}
        <Rating average={listing.rating.average} count={listing.rating.count} />
      </p>
      <div className="grid items-start gap-6 min-[56rem]:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid gap-6">
          {listing.photos.length > 0 ? (
            <PhotoGallery photos={listing.photos} />
          ) : (
            listing.photoUrls.length > 0 && (
              <ul className={cardGrid} aria-label="Photos">
                {listing.photoUrls.map((url, i) => (
                  <li key={url}>
                    <img
                      className={photo}
                      src={url}
                      alt={`${listing.title} (${i + 1} of ${listing.photoUrls.length})`}
                      loading="lazy"
                    />
                  </li>
                ))}
              </ul>
            )
          )}
          <section className={SECTION} aria-labelledby="about-heading">
            <h2 id="about-heading">About the stay</h2>
            <p className="mb-3 whitespace-pre-line wrap-anywhere">{listing.description}</p>
            <dl className={facts}>
              <dt>Pets</dt>
              <dd>
                Up to {listing.maxPets}: {listing.species.map(titleCase).join(", ")}
              </dd>
              <dt>Takes stays</dt>
              <dd>{everyDay ? "Every day" : listing.weekdays.map((d) => WEEKDAY_NAMES[d - 1]).join(", ")}</dd>
              <dt>Cancellation</dt>
              <dd>{titleCase(listing.cancellationPolicy)}</dd>
              <dt>Dates in</dt>
              <dd>{listing.timeZone}</dd>
            </dl>
          </section>
          <section className={SECTION} aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">Availability</h2>
            <AvailabilityCalendar days={calendar} />
          </section>
          <section className={SECTION} aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">Reviews</h2>
            <ReviewList reviews={reviews} />
          </section>
        </div>
        <aside className="grid gap-6">
          <section className={SECTION}>
            <RequestStayForm
              action={new URL(`/book/${encodeURIComponent(listing.id)}`, env("PETS_URL")).href}
              stay={chosenStay(raw, listing.maxPets)}
              maxPets={listing.maxPets}
            />
          </section>
          <section className={SECTION} aria-labelledby="sitter-heading">
            <h2 id="sitter-heading">Your sitter</h2>
            <Suspense fallback={<p className="text-muted">Loading the sitter's profile…</p>}>
              <SitterCard sitter={listing.sitter} />
            </Suspense>
            <p className="mt-3 text-muted" data-testid="sitter-cancellations">
              {sitterCancellationsText(listing.sitterCancellations)}
            </p>
            {/* Threads live in pets, which signs the visitor in first. */}
            <p className="mt-3">
              <a
                className="button button--secondary"
                href={`${env("PETS_URL")}/messages/listing/${encodeURIComponent(listing.id)}`}
              >
                Ask a question
              </a>
            </p>
          </section>
        </aside>
      </div>
    </article>
  );
}
