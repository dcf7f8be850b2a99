import { describe, expect, it } from "vitest";
import { AddBlock, ListBookings, ListingInput, RequestStay, SitterCancel, WeeklyPlan } from "./schemas";

const listing = {
  title: "Garden flat",
  description: "Dogs welcome.",
  city: "Berlin",
  timeZone: "europe/berlin",
  nightlyPriceMinor: "4500",
  currency: "EUR",
  species: ["DOG", "DOG", "CAT"],
  maxPets: 2,
  cancellationPolicy: "MODERATE",
  photoUrls: ["https://images.example.com/a.jpg"],
};
const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  [...new Set(r.error?.issues.map((i) => String(i.path[0])))].sort();

describe("input schemas", () => {
  it("parse a listing form, canonicalising the zone and de-duplicating species", () => {
    const parsed = ListingInput.parse(listing);
    expect(parsed).toMatchObject({ timeZone: "Europe/Berlin", nightlyPriceMinor: 4500, species: ["DOG", "CAT"] });
  });

  it("reject bad listings field by field", () => {
    const bad = {
      ...listing,
      title: "x".repeat(10_000),
      timeZone: "+02:00",
      nightlyPriceMinor: -1,
      currency: "EURO",
      species: ["DRAGON"],
      maxPets: 2.5,
      cancellationPolicy: "LENIENT",
      photoUrls: ["http://images.example.com/a.jpg"],
      description: "nul \u0000 byte",
    };
    expect(fields(ListingInput.safeParse(bad))).toEqual([
      "cancellationPolicy",
      "currency",
      "description",
      "maxPets",
      "nightlyPriceMinor",
      "photoUrls",
      "species",
      "timeZone",
      "title",
    ]);
    expect(fields(ListingInput.safeParse({ ...listing, currency: "XYZ" }))).toEqual(["currency"]);
    expect(fields(ListingInput.safeParse({ ...listing, nightlyPriceMinor: "abc" }))).toEqual(["nightlyPriceMinor"]);
    expect(fields(ListingInput.safeParse({ ...listing, photoUrls: ["javascript:alert(1)"] }))).toEqual(["photoUrls"]);
  });

  it("require a sitter's cancellation reason: trimmed, 1 to 500 characters, no NUL", () => {
    const bookingId = "clz0000000000000000000000";
    expect(SitterCancel.parse({ bookingId, reason: "  I am ill.  " })).toEqual({ bookingId, reason: "I am ill." });
    expect(SitterCancel.parse({ bookingId, reason: "r".repeat(500) }).reason).toHaveLength(500);
    for (const reason of [undefined, "", "   ", "r".repeat(501), "nul \u0000 byte"]) {
      expect(fields(SitterCancel.safeParse({ bookingId, reason }))).toEqual(["reason"]);
    }
    expect(fields(SitterCancel.safeParse({ bookingId: "x", reason: "ok" }))).toEqual(["bookingId"]);
  });

  it("reject malformed ids, impossible dates and huge messages in a stay request", () => {
    const result = RequestStay.safeParse({
      listingId: "../../etc/passwd",
      start: "2026-02-30",
      end: "2027-3-1",
      pets: 0,
      message: "m".repeat(2001),
    });
    expect(fields(result)).toEqual(["end", "listingId", "message", "pets", "start"]);
    expect(
      RequestStay.safeParse({ listingId: `c${"a".repeat(40)}`, start: "2027-03-01", end: "2027-03-02", pets: 1 })
        .success,
    ).toBe(false);
    expect(
      RequestStay.parse({ listingId: "cseedlisting0000000000001", start: "2027-03-01", end: "2027-03-02", pets: "2" })
        .pets,
    ).toBe(2);
  });

  it("reject empty weekly plans, inverted blocks and bad list queries", () => {
    const listingId = "cseedlisting0000000000001";
    expect(fields(WeeklyPlan.safeParse({ listingId, weekdays: [] }))).toEqual(["weekdays"]);
    expect(fields(WeeklyPlan.safeParse({ listingId, weekdays: [0, 8] }))).toEqual(["weekdays"]);
    expect(fields(AddBlock.safeParse({ listingId, start: "2027-03-05", end: "2027-03-05" }))).toEqual(["end"]);
    expect(fields(ListBookings.safeParse({ status: "LOST", limit: 500 }))).toEqual(["limit", "status"]);
    expect(fields(AddBlock.safeParse({ listingId, start: "0000-01-01", end: "3000-01-01" }))).toEqual(["end", "start"]);
    expect(ListBookings.parse({})).toEqual({ limit: 20 });
  });
});
