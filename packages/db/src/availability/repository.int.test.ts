import { CALENDAR_MONTHS } from "@burrow/booking";
import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "../bookings/repository";
import { availabilityRepository } from "./repository";

const { db, sql } = testDatabase(4);
const availability = availabilityRepository(db);
const bookings = bookingRepository(db);
const make = factories(db);
// Friday 2027-01-01, 09:00 in Tokyo.
const NOW = new Date("2027-01-01T00:00:00Z");

async function scene() {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id, { timeZone: "Asia/Tokyo", currency: "JPY" });
  return { sitter, tenant, listing };
}

describe("weekly plan and blocked dates", () => {
  it("sets the weekly plan, which new requests then follow", async () => {
    const { sitter, tenant, listing } = await scene();
    expect(
      expectOk(await availability.setWeeklyPlan(sitter.id, { listingId: listing.id, weekdays: ["1", 2, 3, 4, 5] }))
        .weekdays,
    ).toBe(31);
    // 2027-01-08 is a Friday: the night of Saturday the 9th is off.
    const result = await bookings.request(
      tenant.id,
      { listingId: listing.id, start: "2027-01-08", end: "2027-01-10", pets: 1 },
      NOW,
    );
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { start: [expect.stringMatching(/Saturdays/)] },
    });
    expect(await availability.setWeeklyPlan(sitter.id, { listingId: listing.id, weekdays: [] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    const stranger = await make.user("SITTER");
    expect(await availability.setWeeklyPlan(stranger.id, { listingId: listing.id, weekdays: [6, 7] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("adds and removes blocks, never over an accepted stay, only on one's own listing", async () => {
    const { sitter, tenant, listing } = await scene();
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-10", end: "2027-02-14", pets: 1 },
        NOW,
      ),
    );
    expectOk(await bookings.accept(booking.id, sitter.id, NOW));

    expect(
      await availability.addBlock(sitter.id, { listingId: listing.id, start: "2027-02-13", end: "2027-02-20" }),
    ).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { start: ["Overlaps the accepted stay 2027-02-10 – 2027-02-14"] },
    });
    const { block } = expectOk(
      await availability.addBlock(sitter.id, {
        listingId: listing.id,
        start: "2027-02-14",
        end: "2027-02-20",
        reason: " Away ",
      }),
    );
    expect(block).toMatchObject({ start: "2027-02-14", end: "2027-02-20", reason: "Away" });

    const stranger = await make.user("SITTER");
    expect(
      await availability.addBlock(stranger.id, { listingId: listing.id, start: "2027-03-01", end: "2027-03-02" }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await availability.removeBlock(stranger.id, block.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    for (const bad of [
      { listingId: listing.id, start: "2027-02-30", end: "2027-03-02" },
      { listingId: listing.id, start: "2027-03-02", end: "2027-03-01" },
      { listingId: listing.id, start: "2027-03-01", end: "2027-03-02", reason: "r".repeat(201) },
      { listingId: "x", start: "2027-03-01", end: "2027-03-02" },
    ]) {
      expect(await availability.addBlock(sitter.id, bad)).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(Number((await sql.query("SELECT count(*) AS n FROM pets.availability_blocks")).rows[0].n)).toBe(1);
    expectOk(await availability.removeBlock(sitter.id, block.id));
    expect(await availability.removeBlock(sitter.id, block.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("calendar", () => {
  it("shows six months of booked, requested, blocked, off and free days in the listing's zone", async () => {
    const { sitter, tenant, listing } = await scene();
    const ask = async (start: string, end: string) =>
      expectOk(await bookings.request(tenant.id, { listingId: listing.id, start, end, pets: 1 }, NOW)).booking;
    expectOk(await bookings.accept((await ask("2027-01-04", "2027-01-06")).id, sitter.id, NOW));
    await ask("2027-01-06", "2027-01-08");
    expectOk(await availability.addBlock(sitter.id, { listingId: listing.id, start: "2027-01-08", end: "2027-01-09" }));
    expectOk(await availability.setWeeklyPlan(sitter.id, { listingId: listing.id, weekdays: [1, 2, 3, 4, 5, 6] }));

    const { days, blocks } = expectOk(await availability.calendar(listing.id, sitter.id, NOW));
    expect(days[0]?.date).toBe("2027-01-01");
    expect(days.at(-1)?.date).toBe("2027-06-30");
    expect(CALENDAR_MONTHS).toBe(6);
    const state = Object.fromEntries(days.map((d) => [d.date, d.state]));
    expect([3, 4, 5, 6, 7, 8, 9, 10].map((d) => state[`2027-01-${String(d).padStart(2, "0")}`])).toEqual([
      "off", // Sunday
      "booked",
      "booked",
      "requested",
      "requested",
      "blocked",
      "free",
      "off",
    ]);
    expect(blocks).toEqual([{ id: expect.any(String), start: "2027-01-08", end: "2027-01-09", reason: null }]);

    // Expired requests no longer show; another sitter sees nothing.
    const later = expectOk(await availability.calendar(listing.id, sitter.id, new Date("2027-01-05T00:00:00Z")));
    expect(later.days.find((d) => d.date === "2027-01-06")?.state).toBe("free");
    expect(await availability.calendar(listing.id, (await make.user("SITTER")).id, NOW)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
