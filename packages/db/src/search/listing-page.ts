// Everything the public listing page shows, read-only: the listing (only while it is listed:
// ACTIVE and not hidden), its sitter, published reviews with the kept average, and the calendar
// of the coming months as a tenant sees it (a day is free or not; why not stays private).
import {
  addMonths,
  CALENDAR_MONTHS,
  calendarDays,
  dateColumn,
  Id,
  type IsoDate,
  isoDateOf,
  maskToWeekdays,
  todayIn,
} from "@burrow/booking";
import { countSitterCancellations } from "../bookings/cancellations";
import { type Db, prisma, replicaRead } from "../client";
import type { PhotoView } from "../photos/repository";

export interface ListingDetails {
  id: string;
  title: string;
  description: string;
  city: string;
  timeZone: string;
  nightlyPriceMinor: number;
  currency: string;
  species: string[];
  maxPets: number;
  /** Uploaded photos, cover first (position order). */
  photos: PhotoView[];
  /** Legacy https photo URLs, shown while the listing has no uploaded photo. */
  photoUrls: string[];
  cancellationPolicy: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) the sitter takes stays on. */
  weekdays: number[];
  rating: { average: number | null; count: number };
  sitter: { id: string; name: string | null; screenname: string | null };
  /** Accepted stays the sitter cancelled in the last 12 months, on any of their listings. */
  sitterCancellations: number;
}

export interface PublicReview {
  id: string;
  rating: number;
  text: string;
  authorName: string | null;
  publishedAt: Date;
}

export interface ListingPage {
  listing: ListingDetails;
  reviews: PublicReview[];
  /** From today in the listing's zone, CALENDAR_MONTHS months; free = bookable that night. */
  calendar: { date: IsoDate; free: boolean }[];
}

const REVIEWS_SHOWN = 10;

/** The page of a listed listing read on `db` (the primary or a replica), or null. */
async function listedPage(db: Db, listingId: string, now: Date): Promise<ListingPage | null> {
  const row = await db.listing.findFirst({
    where: { id: listingId, status: "ACTIVE", hiddenAt: null },
    include: {
      sitter: { select: { id: true, name: true, screenname: true } },
      photos: {
        orderBy: { position: "asc" },
        select: { id: true, key: true, alt: true, position: true, width: true, height: true, placeholder: true },
      },
    },
  });
  if (!row) return null;

  const from = todayIn(row.timeZone, now);
  const window = {
    startDate: { lt: dateColumn(addMonths(from, CALENDAR_MONTHS)) },
    endDate: { gt: dateColumn(from) },
  };
  const [blocks, stays, reviews, sitterCancellations] = await Promise.all([
    db.availabilityBlock.findMany({ where: { listingId, ...window }, select: { startDate: true, endDate: true } }),
    db.booking.findMany({
      where: { listingId, ...window, status: { in: ["ACCEPTED", "COMPLETED"] } },
      select: { startDate: true, endDate: true, status: true },
    }),
    // The reviews behind the listing's rating: published, by tenants, of the sitter, for stays here.
    db.review.findMany({
      where: { booking: { listingId }, subjectId: row.sitterId, publishedAt: { not: null } },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: REVIEWS_SHOWN,
      select: {
        id: true,
        rating: true,
        text: true,
        publishedAt: true,
        author: { select: { name: true, screenname: true } },
      },
    }),
    countSitterCancellations(db, row.sitterId, now),
  ]);
  const range = (r: { startDate: Date; endDate: Date }) => ({
    start: isoDateOf(r.startDate),
    end: isoDateOf(r.endDate),
  });
  const days = calendarDays({
    from,
    weekdays: row.weekdays,
    blocks: blocks.map(range),
    stays: stays.map((s) => ({ ...range(s), status: s.status })),
  });

  return {
    listing: {
      id: row.id,
      title: row.title,
      description: row.description,
      city: row.city,
      timeZone: row.timeZone,
      nightlyPriceMinor: row.nightlyPriceMinor,
      currency: row.currency,
      species: row.species,
      maxPets: row.maxPets,
      photos: row.photos,
      photoUrls: row.photoUrls,
      cancellationPolicy: row.cancellationPolicy,
      weekdays: maskToWeekdays(row.weekdays),
      rating: { average: row.ratingAvg === null ? null : Number(row.ratingAvg), count: row.ratingCount },
      sitter: row.sitter,
      sitterCancellations,
    },
    reviews: reviews.map((r) => ({
      id: r.id,
      rating: r.rating,
      text: r.text,
      authorName: r.author.screenname ?? r.author.name,
      publishedAt: r.publishedAt as Date,
    })),
    calendar: days.map((d) => ({ date: d.date, free: d.state === "free" })),
  };
}

export function listingPageRepository(db: Db = prisma) {
  return {
    /**
     * The public page of a listed listing, or null (unknown, malformed id, paused, archived or hidden).
     * On a replica that has replayed `minLsn`, the reader's last write, when the app has one (replicaRead).
     */
    async find(listingId: string, now = new Date(), minLsn: string | null = null): Promise<ListingPage | null> {
      if (!Id.safeParse(listingId).success) return null;
      return replicaRead(db, minLsn, (reader) => listedPage(reader, listingId, now));
    },
  };
}
