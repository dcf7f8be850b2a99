// Double-blind reviews of completed stays. The tenant reviews the sitter and the sitter reviews the
// tenant, once each, within the review window. A review stays hidden from the other party and the
// public until both have written or the window has closed; it is then published, in one transaction
// with the listing's rating (tenant→sitter reviews only) and a `review.published` outbox row.
//
// Locking: every write locks the stay's listing, then the booking (the order accept-sql.ts uses), so
// the two parties' writes and the sweeper run one after another per stay: whoever writes second sees
// the first review and publishes both, exactly once, and the rating is recomputed from committed rows.
import {
  failure,
  Id,
  invalidInput,
  isoDateOf,
  REVIEW_WINDOW_DAYS,
  type Result,
  reviewWindowEnd,
  withoutNul,
} from "@burrow/booking";
import { z } from "zod";
import { type Db, prisma } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { reviewPublishedEvent } from "../outbox/events";

// The review window (@burrow/booking's reviewWindowEnd): writing needs the stay COMPLETED (the sitter
// can complete it from the end date on, the sweeper does within one interval), and the window closes
// at the start of the 14th day after the end date in the listing's zone, which the sweeper can compute
// in SQL from the booking row alone (publishDue below uses the same rule).

// Reviews are written a few at a time; the bound only matters when many wait for one listing lock.
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

/** One review by a party of a completed stay (the operation's one schema; actions may parse with it too). `rating` is coerced so FormData entries parse. */
export const WriteReview = z.object({
  bookingId: Id,
  rating: z.coerce
    .number<number | string>({ error: "Pick a rating from 1 to 5" })
    .int({ error: "Pick a rating from 1 to 5" })
    .min(1, { error: "Pick a rating from 1 to 5" })
    .max(5, { error: "Pick a rating from 1 to 5" }),
  text: z
    .string({ error: "Write a few words about the stay" })
    .trim()
    .min(1, { error: "Write a few words about the stay" })
    .max(2000, { error: "At most 2000 characters" })
    .check(withoutNul),
});
export type WriteReviewInput = z.input<typeof WriteReview>;

const ForBooking = z.object({ bookingId: Id });
const ForListing = z.object({
  listingId: Id,
  /** The id of the last review of the previous page (keyset pagination). */
  cursor: Id.optional(),
  limit: z.coerce.number<number | string>().int().min(1).max(50).default(10),
});
export type ListReviewsInput = Omit<z.input<typeof ForListing>, "listingId">;

export interface ReviewView {
  id: string;
  bookingId: string;
  authorId: string;
  /** The author's screenname, else their name. */
  authorName: string | null;
  subjectId: string;
  rating: number;
  text: string;
  createdAt: Date;
  published: boolean;
}

export interface ListingReviews {
  /** Average of the published tenant→sitter reviews (two decimals); null while there are none. */
  average: number | null;
  count: number;
  items: ReviewView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

type ReviewWithAuthor = Prisma.ReviewGetPayload<{ include: { author: { select: { screenname: true; name: true } } } }>;
const WITH_AUTHOR = { author: { select: { screenname: true, name: true } } } as const;

function reviewView(r: ReviewWithAuthor): ReviewView {
  return {
    id: r.id,
    bookingId: r.bookingId,
    authorId: r.authorId,
    authorName: r.author.screenname ?? r.author.name,
    subjectId: r.subjectId,
    rating: r.rating,
    text: r.text,
    createdAt: r.createdAt,
    published: r.publishedAt !== null,
  };
}

/** A stay as the review rules need it, locked (listing, then booking) inside a write. */
interface LockedStay {
  id: string;
  listingId: string;
  tenantId: string;
  sitterId: string;
  status: string;
  endDate: Date;
  timeZone: string;
}

async function lockStay(tx: Prisma.TransactionClient, bookingId: string): Promise<LockedStay | null> {
  const rows = await tx.$queryRaw<LockedStay[]>`
    SELECT b.id, b.listing_id AS "listingId", b.owner_id AS "tenantId", l.sitter_id AS "sitterId",
           b.status::text AS status, b.end_date AS "endDate", l.time_zone AS "timeZone"
      FROM pets.listings l JOIN pets.bookings b ON b.listing_id = l.id
     WHERE b.id = ${bookingId}
       FOR NO KEY UPDATE OF l, b`;
  return rows[0] ?? null;
}

/** Who `userId` is on this stay; null when they are not a party to it. */
const roleOf = (stay: { tenantId: string; sitterId: string }, userId: string) =>
  userId === stay.tenantId ? "TENANT" : userId === stay.sitterId ? "SITTER" : null;

/**
 * Publishes the stay's hidden reviews (the caller holds the stay's locks): sets their publication,
 * recomputes the listing's rating when a tenant's review is among them, writes one outbox row each.
 */
async function publish(tx: Prisma.TransactionClient, stay: LockedStay, now: Date): Promise<number> {
  const published = await tx.review.updateManyAndReturn({
    where: { bookingId: stay.id, publishedAt: null },
    data: { publishedAt: now },
  });
  if (published.some((r) => r.authorId === stay.tenantId)) {
    // Recomputed, not adjusted: the stored average is rounded, and this statement runs after the
    // listing lock, so it sees every publication committed before ours.
    await tx.$executeRaw`
      UPDATE pets.listings l
         SET rating_count = s.n, rating_avg = s.average
        FROM (SELECT count(*)::int AS n, round(avg(r.rating), 2) AS average
                FROM pets.reviews r JOIN pets.bookings b ON b.id = r.booking_id
               WHERE b.listing_id = ${stay.listingId} AND r.author_id = b.owner_id AND r.published_at IS NOT NULL) s
       WHERE l.id = ${stay.listingId}`;
  }
  await tx.outboxEvent.createMany({
    data: published.map((r) =>
      reviewPublishedEvent({
        reviewId: r.id,
        bookingId: stay.id,
        listingId: stay.listingId,
        tenantId: stay.tenantId,
        sitterId: stay.sitterId,
        authorId: r.authorId,
        subjectId: r.subjectId,
        rating: r.rating,
        publishedAt: now.toISOString(),
      }),
    ),
  });
  return published.length;
}

export function reviewRepository(db: Db = prisma) {
  return {
    /**
     * A party of a completed stay reviews the other party, once, within the window. When the other
     * party has already written, both reviews are published in the same transaction.
     */
    async write(authorId: string, input: WriteReviewInput, now = new Date()): Promise<Result<{ review: ReviewView }>> {
      const parsed = WriteReview.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { bookingId, rating, text } = parsed.data;
      return db.$transaction(async (tx): Promise<Result<{ review: ReviewView }>> => {
        const stay = await lockStay(tx, bookingId);
        const role = stay && roleOf(stay, authorId);
        if (!stay || !role) return failure("NOT_FOUND", "No such booking");
        if (stay.status !== "COMPLETED") return failure("INVALID_STATE", "You can review a stay once it is completed");
        const closesAt = reviewWindowEnd(isoDateOf(stay.endDate), stay.timeZone);
        if (now.getTime() >= closesAt.getTime()) {
          return failure("EXPIRED", `Reviews for this stay closed at ${closesAt.toISOString()}`);
        }
        const [created] = await tx.review.createManyAndReturn({
          data: {
            bookingId,
            authorId,
            subjectId: role === "TENANT" ? stay.sitterId : stay.tenantId,
            rating,
            text,
            createdAt: now,
          },
          skipDuplicates: true,
        });
        if (!created) return failure("CONFLICT", "You have already reviewed this stay");
        const both = (await tx.review.count({ where: { bookingId } })) === 2;
        if (both) await publish(tx, stay, now);
        const review = await tx.review.findUniqueOrThrow({ where: { id: created.id }, include: WITH_AUTHOR });
        return { ok: true, review: reviewView(review) };
      }, TX_OPTIONS);
    },

    /**
     * What a party of the stay sees: their own review, the other party's once published, whether
     * they may still write, and when the window closes. Anyone else gets NOT_FOUND.
     */
    async forBooking(
      bookingId: string,
      userId: string,
      now = new Date(),
    ): Promise<
      Result<{ mine: ReviewView | null; theirs: ReviewView | null; canWrite: boolean; windowClosesAt: Date }>
    > {
      const parsed = ForBooking.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      const stay = await db.booking.findUnique({
        where: { id: bookingId },
        select: {
          ownerId: true,
          status: true,
          endDate: true,
          listing: { select: { sitterId: true, timeZone: true } },
          reviews: { include: WITH_AUTHOR },
        },
      });
      if (!stay || !roleOf({ tenantId: stay.ownerId, sitterId: stay.listing.sitterId }, userId)) {
        return failure("NOT_FOUND", "No such booking");
      }
      const windowClosesAt = reviewWindowEnd(isoDateOf(stay.endDate), stay.listing.timeZone);
      const mine = stay.reviews.find((r) => r.authorId === userId);
      const theirs = stay.reviews.find((r) => r.authorId !== userId && r.publishedAt !== null);
      return {
        ok: true,
        mine: mine ? reviewView(mine) : null,
        theirs: theirs ? reviewView(theirs) : null,
        canWrite: stay.status === "COMPLETED" && !mine && now.getTime() < windowClosesAt.getTime(),
        windowClosesAt,
      };
    },

    /**
     * The listing's public reviews: published tenant→sitter reviews, newest publication first, with
     * the listing's stored rating. An unknown or malformed listing id or cursor gives an empty page.
     */
    async forListing(listingId: string, query: ListReviewsInput = {}): Promise<ListingReviews> {
      const empty: ListingReviews = { average: null, count: 0, items: [], nextCursor: null };
      const parsed = ForListing.safeParse({ ...query, listingId });
      if (!parsed.success) return empty;
      const { cursor, limit } = parsed.data;
      const listing = await db.listing.findUnique({
        where: { id: listingId },
        select: { sitterId: true, ratingCount: true, ratingAvg: true },
      });
      if (!listing) return empty;
      const rows = await db.review.findMany({
        where: { booking: { listingId }, subjectId: listing.sitterId, publishedAt: { not: null } },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: WITH_AUTHOR,
      });
      const items = rows.slice(0, limit);
      return {
        average: listing.ratingAvg?.toNumber() ?? null,
        count: listing.ratingCount,
        items: items.map(reviewView),
        nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
      };
    },

    /**
     * The sweeper's part: publishes the reviews of stays whose window has closed with only one
     * review written. One transaction per stay under its locks, so concurrent sweepers (one per app
     * instance) and late writers publish each review exactly once.
     */
    async publishDue(now = new Date()): Promise<number> {
      const due = await db.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT b.id
          FROM pets.reviews r
          JOIN pets.bookings b ON b.id = r.booking_id
          JOIN pets.listings l ON l.id = b.listing_id
         WHERE r.published_at IS NULL
           AND ((b.end_date + ${REVIEW_WINDOW_DAYS}::int)::timestamp AT TIME ZONE l.time_zone) <= ${now}`;
      let published = 0;
      for (const { id } of due) {
        published += await db.$transaction(async (tx) => {
          const stay = await lockStay(tx, id);
          return stay ? publish(tx, stay, now) : 0;
        }, TX_OPTIONS);
      }
      return published;
    },
  };
}
