// The demo seed never goes stale: whatever day it runs, its stays, requests and blocks lie ahead of
// that day and its completed stays and reviews behind it, all at the same distances.
import { addDays, isoDateOf, nightsBetween, todayIn } from "@burrow/booking";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { availabilityRepository } from "./availability/repository";
import { cleanPostgres } from "./clean";
import { seedData, seedPostgres } from "./seed";

const { db, sql } = testDatabase(4);

/** Every seeded date, as days from the run date. */
async function seededDays(now: Date) {
  const today = isoDateOf(now);
  const days = (date: Date) => nightsBetween(today, isoDateOf(date));
  const bookings = await db.booking.findMany({ orderBy: { id: "asc" } });
  const blocks = await db.availabilityBlock.findMany({ orderBy: { id: "asc" } });
  return {
    bookings: bookings.map((b) => [b.id, b.status, days(b.startDate), days(b.endDate)]),
    blocks: blocks.map((b) => [b.id, days(b.startDate), days(b.endDate)]),
  };
}

describe("seedPostgres", () => {
  it.each([
    ["today", new Date()],
    ["in 2031", new Date("2031-03-15T10:00:00Z")],
    ["in 2040, late in the UTC day", new Date("2040-08-31T23:30:00Z")],
  ])("run %s: stays and blocks ahead, completed stays and published reviews behind", async (_, now) => {
    await cleanPostgres(sql);
    await seedPostgres(db, now);
    const today = isoDateOf(now);
    const bookings = await db.booking.findMany();
    expect(bookings).toHaveLength(seedData(now).bookings.length);
    for (const b of bookings) {
      const [start, end] = [isoDateOf(b.startDate), isoDateOf(b.endDate)];
      if (b.status === "ACCEPTED" || b.status === "REQUESTED") expect(start > today, `${b.id} ahead`).toBe(true);
      else expect(end <= today, `${b.id} behind`).toBe(true);
      expect(b.createdAt.getTime(), `${b.id} created by now`).toBeLessThanOrEqual(now.getTime());
      if (b.status === "REQUESTED") expect(b.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    }
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(["ACCEPTED", "REQUESTED", "COMPLETED", "DECLINED"]));
    const blocks = await db.availabilityBlock.findMany();
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(isoDateOf(b.startDate) > today).toBe(true);

    // The first listing's public calendar from that day: free days, an accepted stay, a block.
    const listing = await db.listing.findFirstOrThrow({ where: { id: "cseedlisting0000000000001" } });
    const calendar = await availabilityRepository(db).publicCalendar(listing.id, now);
    if (!calendar.ok) throw new Error(calendar.message);
    expect(calendar.days[0]?.date).toBe(todayIn(listing.timeZone, now));
    const states = calendar.days.map((d) => d.state);
    for (const state of ["free", "booked", "blocked"]) expect(states).toContain(state);
    expect(calendar.days.slice(0, 14).filter((d) => d.state === "free").length).toBeGreaterThanOrEqual(10);

    // Reviews of the completed stays, published as their window closed, in the listings' ratings.
    const reviews = await db.review.findMany();
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) expect(r.publishedAt?.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(listing).toMatchObject({ ratingCount: 1 });
    expect(listing.ratingAvg?.toNumber()).toBe(5);
  });

  it("puts every date at the same distance from the run date, whatever the day", async () => {
    const first = new Date("2031-03-15T10:00:00Z");
    const later = new Date(`${addDays("2031-03-15", 400)}T16:45:00Z`);
    await cleanPostgres(sql);
    await seedPostgres(db, first);
    const before = await seededDays(first);
    await cleanPostgres(sql);
    await seedPostgres(db, later);
    expect(await seededDays(later)).toEqual(before);
    expect(before.bookings.length).toBeGreaterThan(0);
  });

  it("leaves existing rows alone when run again on a later day", async () => {
    const first = new Date("2031-03-15T10:00:00Z");
    await cleanPostgres(sql);
    await seedPostgres(db, first);
    const before = await seededDays(first);
    await seedPostgres(db, new Date("2031-06-01T10:00:00Z"));
    expect(await seededDays(first)).toEqual(before);
  });
});
