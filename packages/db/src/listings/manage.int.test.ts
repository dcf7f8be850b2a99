import type { ListingInputValues } from "@burrow/booking";
import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "../bookings/repository";
import { listingRepository } from "./repository";

const { db, sql } = testDatabase(4);
const listings = listingRepository(db);
const bookings = bookingRepository(db);
const make = factories(db);
const NOW = new Date("2027-01-10T12:00:00Z");

const form: ListingInputValues = {
  title: "Sunny flat with a balcony",
  description: "Cats sleep in the sun all day.",
  city: "Lisbon",
  timeZone: "Europe/Lisbon",
  nightlyPriceMinor: "3900",
  currency: "EUR",
  species: ["CAT"],
  maxPets: "2",
  cancellationPolicy: "FLEXIBLE",
  photoUrls: ["https://images.burrow.test/flat.jpg"],
};
const listingCount = async () => Number((await sql.query("SELECT count(*) AS n FROM pets.listings")).rows[0].n);

describe("a sitter's own listings", () => {
  it("creates and edits a listing from form values", async () => {
    const sitter = await make.user("SITTER");
    const { listing } = expectOk(await listings.create(sitter.id, form));
    expect(listing).toMatchObject({
      sitterId: sitter.id,
      status: "ACTIVE",
      nightlyPriceMinor: 3900,
      maxPets: 2,
      cancellationPolicy: "FLEXIBLE",
      photoUrls: ["https://images.burrow.test/flat.jpg"],
      weekdays: 127,
    });
    const edited = expectOk(
      await listings.update(listing.id, sitter.id, { ...form, title: "Shady flat", photoUrls: [] }),
    );
    expect(edited.listing).toMatchObject({ title: "Shady flat", photoUrls: [] });
    expect(expectOk(await listings.findForSitter(listing.id, sitter.id)).listing.title).toBe("Shady flat");
  });

  it("rejects bad input field by field and writes nothing", async () => {
    const sitter = await make.user("SITTER");
    const before = await listingCount();
    const result = await listings.create(sitter.id, {
      ...form,
      title: "t".repeat(100_000),
      nightlyPriceMinor: -5,
      timeZone: "Europe/Atlantis",
      currency: "eur",
      photoUrls: ["http://insecure.example.com/a.jpg"],
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(Object.keys((!result.ok && result.fieldErrors) || {}).sort()).toEqual([
      "currency",
      "nightlyPriceMinor",
      "photoUrls",
      "timeZone",
      "title",
    ]);
    expect(await listings.update("c-not-an-id", sitter.id, form)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { listingId: ["Malformed id"] },
    });
    expect(await listingCount()).toBe(before);
  });

  it("keeps other sitters out: their listings are not found", async () => {
    const owner = await make.user("SITTER");
    const other = await make.user("SITTER");
    const { listing } = expectOk(await listings.create(owner.id, form));
    for (const result of [
      await listings.update(listing.id, other.id, { ...form, title: "Hijacked" }),
      await listings.pause(listing.id, other.id),
      await listings.archive(listing.id, other.id),
      await listings.findForSitter(listing.id, other.id),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(expectOk(await listings.findForSitter(listing.id, owner.id)).listing).toMatchObject({
      title: form.title,
      status: "ACTIVE",
    });
  });

  it("pauses, resumes and archives; archived is final", async () => {
    const sitter = await make.user("SITTER");
    const { listing } = expectOk(await listings.create(sitter.id, form));
    expect(expectOk(await listings.pause(listing.id, sitter.id)).listing.status).toBe("PAUSED");
    expect(await listings.pause(listing.id, sitter.id)).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(expectOk(await listings.resume(listing.id, sitter.id)).listing.status).toBe("ACTIVE");
    expect(expectOk(await listings.archive(listing.id, sitter.id, NOW)).listing.status).toBe("ARCHIVED");
    for (const result of [
      await listings.resume(listing.id, sitter.id),
      await listings.update(listing.id, sitter.id, form),
      await listings.archive(listing.id, sitter.id, NOW),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "INVALID_STATE" });
    }
  });

  it("archives only without accepted stays, declining open requests with their events", async () => {
    const sitter = await make.user("SITTER");
    const tenant = await make.user("TENANT");
    const listing = await make.listing(sitter.id);
    const ask = async (start: string, end: string) =>
      expectOk(await bookings.request(tenant.id, { listingId: listing.id, start, end, pets: 1 }, NOW)).booking;
    const stay = await ask("2027-02-01", "2027-02-03");
    const open = await ask("2027-03-01", "2027-03-03");
    expectOk(await bookings.accept(stay.id, sitter.id, NOW));
    expect(await listings.archive(listing.id, sitter.id, NOW)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(expectOk(await listings.findForSitter(listing.id, sitter.id)).listing.status).toBe("ACTIVE");

    expectOk(await bookings.cancel(stay.id, tenant.id, NOW));
    expectOk(await listings.archive(listing.id, sitter.id, NOW));
    const { rows } = await sql.query(
      "SELECT b.status, e.payload->>'reason' AS reason FROM pets.bookings b JOIN pets.outbox_events e ON e.aggregate_id = b.id AND e.type = 'booking.declined' WHERE b.id = $1",
      [open.id],
    );
    expect(rows).toEqual([{ status: "DECLINED", reason: "archived" }]);
    expect(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-04-01", end: "2027-04-02", pets: 1 },
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
