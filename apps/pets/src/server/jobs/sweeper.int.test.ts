// The sweeper against the real database and the real clock: croner fires it every second, and it
// moves what time has overtaken (dates here are relative to today) until it is stopped.
import { bookingRepository, reviewRepository } from "@burrow/db";
import { expectOk } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { startSweeper } from "./sweeper";

const { db, sql } = testDatabase(4);
const bookings = bookingRepository(db);
const reviews = reviewRepository(db);

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
/** The UTC calendar date `n` days from today (the listing below is in UTC). */
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

async function scene() {
  const user = async (role: "SITTER" | "TENANT", tag: string) =>
    db.user.create({ data: { email: `${tag}@sweeper.test`, name: tag, role } });
  const sitter = await user("SITTER", "sitter");
  const tenant = await user("TENANT", "tenant");
  const listing = await db.listing.create({
    data: {
      sitterId: sitter.id,
      title: "Sweeper flat",
      description: "For the sweeper test",
      city: "Lisbon",
      timeZone: "UTC",
      nightlyPriceMinor: 3_000,
      currency: "EUR",
      species: ["CAT"],
      maxPets: 2,
    },
  });
  const request = (start: number, end: number, at: Date) =>
    bookings.request(tenant.id, { listingId: listing.id, start: day(start), end: day(end), pets: 1 }, at);
  return { sitter, tenant, request };
}

const statusOf = async (id: string) =>
  (await sql.query<{ status: string }>("SELECT status FROM pets.bookings WHERE id = $1", [id])).rows[0]?.status;

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return condition();
}

describe("startSweeper", () => {
  it("expires lapsed requests, completes ended stays and publishes closed review windows, then stops", async () => {
    const { sitter, tenant, request } = await scene();
    // Requested ten days ago for five days ago: it lapsed a week ago (72 h after the request).
    const lapsed = expectOk(await request(-5, -3, daysAgo(10))).booking;
    // Accepted ten days ago, ended six days ago.
    const ended = expectOk(await request(-8, -6, daysAgo(10))).booking;
    expectOk(await bookings.accept(ended.id, sitter.id, daysAgo(10)));
    // Completed a month ago with only the tenant's review: its window closed 19 days ago.
    const old = expectOk(await request(-35, -33, daysAgo(40))).booking;
    expectOk(await bookings.accept(old.id, sitter.id, daysAgo(40)));
    expectOk(await bookings.complete(old.id, sitter.id, daysAgo(32)));
    const { review } = expectOk(
      await reviews.write(tenant.id, { bookingId: old.id, rating: 5, text: "Purrfect" }, daysAgo(32)),
    );
    expect(review.published).toBe(false);

    const lines: string[] = [];
    const sweeper = startSweeper({ intervalSeconds: 1, db, log: (line) => lines.push(line) });
    const swept = await until(
      async () =>
        (await statusOf(lapsed.id)) === "EXPIRED" &&
        (await statusOf(ended.id)) === "COMPLETED" &&
        expectOk(await reviews.forBooking(old.id, sitter.id)).theirs !== null,
      15_000,
    );
    await sweeper.stop();
    expect(swept).toBe(true);
    expect(lines.join("\n")).toMatch(/1 requests expired, 1 stays completed, 1 reviews published/);
    const { rows } = await sql.query<{ type: string }>(
      `SELECT type FROM pets.outbox_events WHERE aggregate_id = ANY($1)
          AND type IN ('booking.expired', 'booking.completed', 'review.published') ORDER BY type`,
      [[lapsed.id, ended.id, review.id]],
    );
    expect(rows.map((r) => r.type)).toEqual(["booking.completed", "booking.expired", "review.published"]);

    // Stopped: nothing moves any more.
    const later = expectOk(await request(-2, -1, daysAgo(10))).booking;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await statusOf(later.id)).toBe("REQUESTED");
  });
});
