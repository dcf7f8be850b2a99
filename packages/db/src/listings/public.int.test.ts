import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { availabilityRepository } from "../availability/repository";
import { bookingRepository } from "../bookings/repository";
import { listingRepository } from "./repository";

const { db, sql } = testDatabase(4);
const listings = listingRepository(db);
const availability = availabilityRepository(db);
const bookings = bookingRepository(db);
const make = factories(db);
// Friday 2027-01-01 in Berlin.
const NOW = new Date("2027-01-01T09:00:00Z");

describe("a listing's public page", () => {
  it("shows an active listing with its sitter's screenname, and hides paused and archived ones", async () => {
    const sitter = await db.user.create({
      data: { email: "public-sitter@burrow.test", name: "Ada Lind", screenname: "ada", role: "SITTER" },
    });
    const listing = await make.listing(sitter.id, { photoUrls: ["https://images.burrow.test/a.jpg"] });

    expect(expectOk(await listings.findPublic(listing.id)).listing).toMatchObject({
      id: listing.id,
      sitterId: sitter.id,
      sitterName: "ada",
      description: "Long walks, a quiet home.",
      cancellationPolicy: "MODERATE",
      photoUrls: ["https://images.burrow.test/a.jpg"],
    });

    expectOk(await listings.pause(listing.id, sitter.id));
    expect(await listings.findPublic(listing.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await availability.publicCalendar(listing.id, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expectOk(await listings.resume(listing.id, sitter.id));
    expectOk(await listings.archive(listing.id, sitter.id, NOW));
    expect(await listings.findPublic(listing.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await listings.findPublic("not a cuid")).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("treats a listing an admin hid like a paused one: no page, no calendar, no requests", async () => {
    const sitter = await make.user("SITTER");
    const tenant = await make.user("TENANT");
    const listing = await make.listing(sitter.id, { hiddenAt: NOW, hiddenBy: "admin" });
    expect(await listings.findPublic(listing.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await availability.publicCalendar(listing.id, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const request = await bookings.request(
      tenant.id,
      { listingId: listing.id, start: "2027-01-04", end: "2027-01-06", pets: 1 },
      NOW,
    );
    expect(request).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { listingId: ["This listing is not taking requests right now"] },
    });
    expect(
      (await sql.query("SELECT count(*)::int AS n FROM pets.bookings WHERE listing_id = $1", [listing.id])).rows[0].n,
    ).toBe(0);
  });

  it("shows booked, blocked and off days; open requests hold no dates, so their days stay free", async () => {
    const sitter = await make.user("SITTER");
    const [first, second] = [await make.user("TENANT"), await make.user("TENANT")];
    const listing = await make.listing(sitter.id);
    // Every weekday but Sunday.
    expectOk(await availability.setWeeklyPlan(sitter.id, { listingId: listing.id, weekdays: [1, 2, 3, 4, 5, 6] }));
    expectOk(await availability.addBlock(sitter.id, { listingId: listing.id, start: "2027-01-12", end: "2027-01-14" }));
    const accepted = expectOk(
      await bookings.request(first.id, { listingId: listing.id, start: "2027-01-04", end: "2027-01-06", pets: 1 }, NOW),
    ).booking;
    expectOk(await bookings.accept(accepted.id, sitter.id, NOW));
    expectOk(
      await bookings.request(
        second.id,
        { listingId: listing.id, start: "2027-01-07", end: "2027-01-09", pets: 1 },
        NOW,
      ),
    );

    const days = expectOk(await availability.publicCalendar(listing.id, NOW)).days;
    const state = (date: string) => days.find((d) => d.date === date)?.state;
    expect(days[0]?.date).toBe("2027-01-01");
    expect(days.at(-1)?.date).toBe("2027-06-30");
    expect([state("2027-01-04"), state("2027-01-05"), state("2027-01-06")]).toEqual(["booked", "booked", "free"]);
    expect(state("2027-01-07")).toBe("free");
    expect([state("2027-01-12"), state("2027-01-13"), state("2027-01-14")]).toEqual(["blocked", "blocked", "free"]);
    expect(state("2027-01-10")).toBe("off");

    // The sitter's own calendar does show the open request.
    const mine = expectOk(await availability.calendar(listing.id, sitter.id, NOW)).days;
    expect(mine.find((d) => d.date === "2027-01-07")?.state).toBe("requested");
  });
});
