import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "../bookings/repository";
import { reviewRepository } from "./repository";

const { db, sql } = testDatabase(12);
const bookings = bookingRepository(db);
const reviews = reviewRepository(db);
const make = factories(db);

// Requests on 2027-01-10; stays in late January; completed on 2027-02-01 (after every end date).
const REQUESTED_AT = new Date("2027-01-10T12:00:00Z");
const COMPLETED_AT = new Date("2027-02-01T12:00:00Z");
// A stay ending 2027-01-22 in Berlin may be reviewed until 2027-02-05 00:00 Berlin time.
const CLOSES = new Date("2027-02-04T23:00:00Z");
const justBefore = (d: Date) => new Date(d.getTime() - 1);

async function listingWithSitter() {
  const sitter = await make.user("SITTER");
  const listing = await make.listing(sitter.id);
  return { sitter, listing };
}

/** A stay of a new tenant on the listing, taken through the real request → accept (→ complete) path. */
async function stay(
  { sitter, listing }: Awaited<ReturnType<typeof listingWithSitter>>,
  dates = { start: "2027-01-20", end: "2027-01-22" },
  complete = true,
) {
  const tenant = await make.user("TENANT");
  const { booking } = expectOk(
    await bookings.request(tenant.id, { listingId: listing.id, ...dates, pets: 1 }, REQUESTED_AT),
  );
  expectOk(await bookings.accept(booking.id, sitter.id, REQUESTED_AT));
  if (complete) expectOk(await bookings.complete(booking.id, sitter.id, COMPLETED_AT));
  return { sitter, tenant, listing, booking };
}

const published = async (bookingId: string) =>
  (
    await sql.query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT o.type, o.payload FROM pets.outbox_events o JOIN pets.reviews r ON r.id = o.aggregate_id
        WHERE r.booking_id = $1 ORDER BY o.payload->>'authorId' = o.payload->>'tenantId'`,
      [bookingId],
    )
  ).rows;
const listingRating = async (listingId: string) =>
  (
    await sql.query<{ rating_count: number; rating_avg: string | null }>(
      "SELECT rating_count, rating_avg FROM pets.listings WHERE id = $1",
      [listingId],
    )
  ).rows[0];

describe("write and double-blind publication", () => {
  it("hides the first review from the other party and the public, then publishes both when the second arrives", async () => {
    const { sitter, tenant, listing, booking } = await stay(await listingWithSitter());
    const at = new Date("2027-02-02T09:00:00Z");

    const first = expectOk(
      await reviews.write(tenant.id, { bookingId: booking.id, rating: "4", text: "  Lovely walks.  " }, at),
    );
    expect(first.review).toMatchObject({
      bookingId: booking.id,
      authorId: tenant.id,
      subjectId: sitter.id,
      authorName: tenant.name,
      rating: 4,
      text: "Lovely walks.",
      published: false,
    });
    expect(expectOk(await reviews.forBooking(booking.id, sitter.id, at))).toMatchObject({
      mine: null,
      theirs: null,
      canWrite: true,
      windowClosesAt: CLOSES,
    });
    expect(expectOk(await reviews.forBooking(booking.id, tenant.id, at))).toMatchObject({
      mine: { id: first.review.id, published: false },
      theirs: null,
      canWrite: false,
    });
    expect(await reviews.forListing(listing.id)).toEqual({ average: null, count: 0, items: [], nextCursor: null });
    expect(await published(booking.id)).toEqual([]);

    const second = expectOk(
      await reviews.write(sitter.id, { bookingId: booking.id, rating: 2, text: "Late pickup." }, at),
    );
    expect(second.review).toMatchObject({ authorId: sitter.id, subjectId: tenant.id, published: true });
    expect(expectOk(await reviews.forBooking(booking.id, tenant.id, at))).toMatchObject({
      mine: { id: first.review.id, published: true },
      theirs: { id: second.review.id, rating: 2, text: "Late pickup." },
    });
    expect(expectOk(await reviews.forBooking(booking.id, sitter.id, at)).theirs).toMatchObject({ id: first.review.id });
    // Only the tenant's review of the sitter counts for the listing.
    const page = await reviews.forListing(listing.id);
    expect(page).toMatchObject({ average: 4, count: 1, nextCursor: null });
    expect(page.items.map((r) => r.id)).toEqual([first.review.id]);
    expect(await listingRating(listing.id)).toEqual({ rating_count: 1, rating_avg: "4.00" });
    expect(await published(booking.id)).toEqual([
      {
        type: "review.published",
        payload: {
          reviewId: second.review.id,
          bookingId: booking.id,
          listingId: listing.id,
          tenantId: tenant.id,
          sitterId: sitter.id,
          authorId: sitter.id,
          subjectId: tenant.id,
          rating: 2,
          publishedAt: at.toISOString(),
        },
      },
      {
        type: "review.published",
        payload: expect.objectContaining({
          reviewId: first.review.id,
          authorId: tenant.id,
          subjectId: sitter.id,
          rating: 4,
        }),
      },
    ]);
  });

  it("answers a second review by the same party with a CONFLICT and writes nothing", async () => {
    const { tenant, booking } = await stay(await listingWithSitter());
    expectOk(await reviews.write(tenant.id, { bookingId: booking.id, rating: 5, text: "Great." }, COMPLETED_AT));
    expect(
      await reviews.write(tenant.id, { bookingId: booking.id, rating: 1, text: "Changed my mind." }, COMPLETED_AT),
    ).toMatchObject({ ok: false, code: "CONFLICT", message: "You have already reviewed this stay" });
    const { rows } = await sql.query("SELECT rating FROM pets.reviews WHERE booking_id = $1", [booking.id]);
    expect(rows).toEqual([{ rating: 5 }]);
  });

  it("is only for the two parties: anyone else gets NOT_FOUND", async () => {
    const { booking } = await stay(await listingWithSitter());
    const stranger = await make.user("SITTER");
    const input = { bookingId: booking.id, rating: 3, text: "Hm." };
    expect(await reviews.write(stranger.id, input, COMPLETED_AT)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await reviews.forBooking(booking.id, stranger.id, COMPLETED_AT)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await reviews.write(stranger.id, { ...input, bookingId: "cnosuchbooking0000000000" }, COMPLETED_AT),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await sql.query("SELECT 1 FROM pets.reviews WHERE booking_id = $1", [booking.id])).toMatchObject({
      rowCount: 0,
    });
  });

  it("opens when the stay is COMPLETED and closes 14 days after its end date in the listing's zone", async () => {
    const scene = await listingWithSitter();
    const accepted = await stay(scene, { start: "2027-01-23", end: "2027-01-26" }, false);
    expect(
      await reviews.write(accepted.tenant.id, { bookingId: accepted.booking.id, rating: 5, text: "Hi" }, COMPLETED_AT),
    ).toMatchObject({ ok: false, code: "INVALID_STATE", message: "You can review a stay once it is completed" });
    expect(expectOk(await reviews.forBooking(accepted.booking.id, accepted.tenant.id, COMPLETED_AT)).canWrite).toBe(
      false,
    );

    const done = await stay(scene, { start: "2027-01-15", end: "2027-01-22" });
    const write = (userId: string, now: Date) =>
      reviews.write(userId, { bookingId: done.booking.id, rating: 5, text: "Fine" }, now);
    expect(await write(done.tenant.id, CLOSES)).toMatchObject({
      ok: false,
      code: "EXPIRED",
      message: `Reviews for this stay closed at ${CLOSES.toISOString()}`,
    });
    expect(expectOk(await reviews.forBooking(done.booking.id, done.sitter.id, CLOSES)).canWrite).toBe(false);
    expectOk(await write(done.sitter.id, justBefore(CLOSES)));
  });

  it("answers malformed input with field errors and writes nothing", async () => {
    const { tenant, booking } = await stay(await listingWithSitter());
    const attempt = (input: Record<string, unknown>) =>
      reviews.write(tenant.id, { bookingId: booking.id, rating: 3, text: "ok", ...input } as never, COMPLETED_AT);
    expect(await attempt({ rating: 0 })).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { rating: ["Pick a rating from 1 to 5"] },
    });
    expect(await attempt({ rating: "6" })).toMatchObject({ fieldErrors: { rating: ["Pick a rating from 1 to 5"] } });
    expect(await attempt({ rating: 4.5 })).toMatchObject({ fieldErrors: { rating: ["Pick a rating from 1 to 5"] } });
    expect(await attempt({ rating: "four" })).toMatchObject({ fieldErrors: { rating: ["Pick a rating from 1 to 5"] } });
    expect(await attempt({ text: "x".repeat(2001) })).toMatchObject({
      fieldErrors: { text: ["At most 2000 characters"] },
    });
    expect(await attempt({ text: "   " })).toMatchObject({
      fieldErrors: { text: ["Write a few words about the stay"] },
    });
    expect(await attempt({ text: "a\u0000b" })).toMatchObject({ fieldErrors: { text: ["Contains a NUL character"] } });
    expect(await attempt({ bookingId: "../../etc" })).toMatchObject({ fieldErrors: { bookingId: ["Malformed id"] } });
    expect(await reviews.forBooking("x".repeat(5000), tenant.id)).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await reviews.forListing("not an id", { limit: 1_000 })).toEqual({
      average: null,
      count: 0,
      items: [],
      nextCursor: null,
    });
    expectOk(await attempt({ text: "x".repeat(2000) }));
    expect(await sql.query("SELECT 1 FROM pets.reviews WHERE booking_id = $1", [booking.id])).toMatchObject({
      rowCount: 1,
    });
  });
});

describe("the listing's rating and public reviews", () => {
  it("averages the published tenant reviews to two decimals and pages newest first", async () => {
    const scene = await listingWithSitter();
    const stays = [];
    for (const [start, end] of [
      ["2027-01-19", "2027-01-21"],
      ["2027-01-21", "2027-01-23"],
      ["2027-01-23", "2027-01-25"],
    ] as const) {
      stays.push(await stay(scene, { start, end }));
    }
    const ratings = [5, 4, 4];
    const ids: string[] = [];
    for (const [i, s] of stays.entries()) {
      const at = new Date(COMPLETED_AT.getTime() + i * 60_000);
      ids.push(
        expectOk(
          await reviews.write(s.tenant.id, { bookingId: s.booking.id, rating: ratings[i] ?? 0, text: `#${i}` }, at),
        ).review.id,
      );
      expectOk(await reviews.write(scene.sitter.id, { bookingId: s.booking.id, rating: 1, text: "Sitter's view" }, at));
    }
    const first = await reviews.forListing(scene.listing.id, { limit: 2 });
    expect(first).toMatchObject({ average: 4.33, count: 3 });
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await reviews.forListing(scene.listing.id, { limit: "2", cursor: first.nextCursor ?? undefined });
    expect(second.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect(await listingRating(scene.listing.id)).toEqual({ rating_count: 3, rating_avg: "4.33" });
  });
});

describe("publishDue: the sweeper publishes windows that closed with one review", () => {
  it("publishes the lone review once the window has closed, exactly once", async () => {
    const scene = await listingWithSitter();
    const lone = await stay(scene);
    const { review } = expectOk(
      await reviews.write(lone.tenant.id, { bookingId: lone.booking.id, rating: 3, text: "Okay." }, COMPLETED_AT),
    );
    expect(await reviews.publishDue(justBefore(CLOSES))).toBe(0);
    expect(expectOk(await reviews.forBooking(lone.booking.id, lone.sitter.id, justBefore(CLOSES))).theirs).toBeNull();

    // Several sweepers at once (one per app instance) publish every due review (including the
    // earlier tests' lone ones) exactly once.
    const due = await sql.query("SELECT 1 FROM pets.reviews WHERE published_at IS NULL");
    const counts = await Promise.all([1, 2, 3, 4].map(() => reviews.publishDue(CLOSES)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(due.rowCount);
    expect(await reviews.publishDue(CLOSES)).toBe(0);
    const perReview = await sql.query<{ n: number }>(
      `SELECT count(o.id)::int AS n FROM pets.reviews r
         LEFT JOIN pets.outbox_events o ON o.aggregate_id = r.id AND o.type = 'review.published'
        WHERE r.published_at IS NOT NULL GROUP BY r.id`,
    );
    expect(new Set(perReview.rows.map((r) => r.n))).toEqual(new Set([1]));
    expect(await published(lone.booking.id)).toEqual([
      { type: "review.published", payload: expect.objectContaining({ reviewId: review.id, rating: 3 }) },
    ]);
    expect(expectOk(await reviews.forBooking(lone.booking.id, lone.sitter.id, CLOSES))).toMatchObject({
      theirs: { id: review.id, published: true },
      canWrite: false,
    });
    expect(await reviews.forListing(scene.listing.id)).toMatchObject({ average: 3, count: 1 });
  });
});

describe("the race: both parties write at the same moment", () => {
  const ROUNDS = 8;
  it(`publishes both reviews exactly once, ${ROUNDS} times over`, async () => {
    const scene = await listingWithSitter();
    for (let round = 0; round < ROUNDS; round++) {
      // One-night stays from the 18th on: every window is still open at COMPLETED_AT.
      const day = String(18 + round).padStart(2, "0");
      const next = String(19 + round).padStart(2, "0");
      const s = await stay(scene, { start: `2027-01-${day}`, end: `2027-01-${next}` });
      const results = await Promise.all(
        [s.tenant.id, scene.sitter.id].map((author) =>
          reviews.write(author, { bookingId: s.booking.id, rating: 4, text: `round ${round}` }, COMPLETED_AT),
        ),
      );
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      // Exactly one of the two writers saw the other's review and published both.
      expect(results.filter((r) => r.ok && r.review.published)).toHaveLength(1);
      expect((await published(s.booking.id)).map((e) => e.payload.authorId)).toEqual([scene.sitter.id, s.tenant.id]);
    }
    expect(await listingRating(scene.listing.id)).toEqual({ rating_count: ROUNDS, rating_avg: "4.00" });
  });
});
