import { describe, expect, it } from "vitest";
import { weekdaysToMask } from "./availability";
import type { DateRange } from "./dates";
import { expiryFor, priceFor, type StayListing, stayHasEnded, stayRequestErrors } from "./stay";

const listing: StayListing = {
  sitterId: "csitter",
  status: "ACTIVE",
  timeZone: "Europe/Berlin",
  maxPets: 2,
  weekdays: weekdaysToMask([1, 2, 3, 4, 5, 6, 7]),
};
// 2027-03-01 is a Monday; at 23:30Z it is already 2027-03-02 in Berlin.
const now = new Date("2027-03-01T23:30:00Z");
const ctx = { listing, blocks: [] as DateRange[], tenantId: "ctenant", now };
const stay = { start: "2027-03-10", end: "2027-03-13", pets: 1 };

describe("stayRequestErrors", () => {
  it("accepts a valid request", () => {
    expect(stayRequestErrors(stay, ctx)).toEqual({});
  });

  it("rejects each broken rule with a field error", () => {
    const cases: [Partial<typeof stay>, Partial<typeof ctx>, string, RegExp][] = [
      [{ start: "2027-03-01", end: "2027-03-04" }, {}, "start", /after today \(2027-03-02 in Europe\/Berlin\)/],
      [{ start: "2027-03-02", end: "2027-03-04" }, {}, "start", /after today/],
      [{ end: "2027-03-10" }, {}, "end", /after the start date/],
      [{ end: "2027-03-09" }, {}, "end", /after the start date/],
      [{ end: "2027-05-10" }, {}, "end", /at most 60 nights \(this is 61\)/],
      [{ pets: 3 }, {}, "pets", /at most 2 pets/],
      [{}, { tenantId: "csitter" }, "listingId", /your own listing/],
      [{}, { listing: { ...listing, status: "PAUSED" } }, "listingId", /paused/],
      [{}, { listing: { ...listing, hidden: true } }, "listingId", /not taking requests/],
      [
        { end: "2027-03-15" },
        { listing: { ...listing, weekdays: weekdaysToMask([1, 2, 3, 4, 5]) } },
        "start",
        /does not take stays on Saturdays, Sundays \(2027-03-13, 2027-03-14\)/,
      ],
      [{}, { blocks: [{ start: "2027-03-12", end: "2027-03-20" }] }, "start", /unavailable on 2027-03-12$/],
    ];
    for (const [change, context, field, message] of cases) {
      const errors = stayRequestErrors({ ...stay, ...change }, { ...ctx, ...context });
      expect(Object.keys(errors), JSON.stringify(change)).toEqual([field]);
      expect(errors[field]?.[0]).toMatch(message);
    }
  });

  it("allows exactly 60 nights and a block ending on the start date", () => {
    expect(stayRequestErrors({ ...stay, end: "2027-05-09" }, ctx)).toEqual({});
    expect(stayRequestErrors(stay, { ...ctx, blocks: [{ start: "2027-03-05", end: "2027-03-10" }] })).toEqual({});
    // The night before the end date counts, the end date itself does not.
    expect(stayRequestErrors(stay, { ...ctx, blocks: [{ start: "2027-03-13", end: "2027-03-14" }] })).toEqual({});
  });
});

describe("pricing, expiry and the end of a stay", () => {
  it("prices nights × nightly price in integer minor units", () => {
    expect(priceFor({ start: "2027-03-27", end: "2027-03-30" }, 4_550)).toBe(13_650);
    expect(priceFor({ start: "2027-03-27", end: "2027-05-26" }, 10_000_000)).toBe(600_000_000);
  });

  it("expires 72 h after the request, or when the start date begins if that is sooner", () => {
    const created = new Date("2027-03-01T12:00:00Z");
    expect(expiryFor(created, "2027-03-10", "Europe/Berlin").toISOString()).toBe("2027-03-04T12:00:00.000Z");
    expect(expiryFor(created, "2027-03-03", "Europe/Berlin").toISOString()).toBe("2027-03-02T23:00:00.000Z");
    expect(expiryFor(created, "2027-03-03", "America/New_York").toISOString()).toBe("2027-03-03T05:00:00.000Z");
  });

  it("ends a stay on its end date in the listing's zone", () => {
    expect(stayHasEnded("2027-03-02", "Europe/Berlin", now)).toBe(true);
    expect(stayHasEnded("2027-03-02", "America/New_York", now)).toBe(false);
  });
});
