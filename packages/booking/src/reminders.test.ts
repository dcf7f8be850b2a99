import { describe, expect, it } from "vitest";
import { reviewClosingDue, reviewWindowEnd, startsSoonDue } from "./reminders";

const at = (iso: string) => new Date(iso);

describe("startsSoonDue", () => {
  it("is due during the day before the start date in the listing's zone, and only then", () => {
    // Berlin is UTC+1 in February: 2027-01-31 begins at 2027-01-30T23:00Z.
    expect(startsSoonDue("2027-02-01", "Europe/Berlin", at("2027-01-30T22:59:59Z"))).toBe(false);
    expect(startsSoonDue("2027-02-01", "Europe/Berlin", at("2027-01-30T23:00:00Z"))).toBe(true);
    expect(startsSoonDue("2027-02-01", "Europe/Berlin", at("2027-01-31T22:59:59Z"))).toBe(true);
    // The start date has begun: too late for "tomorrow".
    expect(startsSoonDue("2027-02-01", "Europe/Berlin", at("2027-01-31T23:00:00Z"))).toBe(false);
  });

  it("follows the listing's zone, not UTC, at the extremes of the offsets", () => {
    const now = at("2027-01-31T12:00:00Z");
    // Kiritimati (UTC+14) is already on 1 February: a stay starting on the 2nd starts tomorrow there,
    // one starting on the 1st has begun.
    expect(startsSoonDue("2027-02-02", "Pacific/Kiritimati", now)).toBe(true);
    expect(startsSoonDue("2027-02-01", "Pacific/Kiritimati", now)).toBe(false);
    // Pago Pago (UTC−11) is still on 31 January.
    expect(startsSoonDue("2027-02-01", "Pacific/Pago_Pago", now)).toBe(true);
    expect(startsSoonDue("2027-02-02", "Pacific/Pago_Pago", now)).toBe(false);
  });

  it("handles a day that DST shortens", () => {
    // Berlin moves to summer time on 2027-03-28 at 02:00: that day lasts 23 hours.
    expect(startsSoonDue("2027-03-29", "Europe/Berlin", at("2027-03-27T23:00:00Z"))).toBe(true);
    expect(startsSoonDue("2027-03-29", "Europe/Berlin", at("2027-03-28T21:59:59Z"))).toBe(true);
    expect(startsSoonDue("2027-03-29", "Europe/Berlin", at("2027-03-28T22:00:00Z"))).toBe(false);
  });
});

describe("review window", () => {
  it("closes at the start of the 14th day after the end date in the listing's zone", () => {
    expect(reviewWindowEnd("2027-02-05", "Europe/Berlin")).toEqual(at("2027-02-18T23:00:00Z"));
    expect(reviewWindowEnd("2027-02-05", "America/New_York")).toEqual(at("2027-02-19T05:00:00Z"));
  });

  it("reminds from three days before the close until it closes", () => {
    // Closes 2027-02-19 00:00 in Berlin (2027-02-18T23:00Z); the notice starts 2027-02-16 00:00 Berlin.
    expect(reviewClosingDue("2027-02-05", "Europe/Berlin", at("2027-02-15T22:59:59Z"))).toBe(false);
    expect(reviewClosingDue("2027-02-05", "Europe/Berlin", at("2027-02-15T23:00:00Z"))).toBe(true);
    expect(reviewClosingDue("2027-02-05", "Europe/Berlin", at("2027-02-18T22:59:59Z"))).toBe(true);
    expect(reviewClosingDue("2027-02-05", "Europe/Berlin", at("2027-02-18T23:00:00Z"))).toBe(false);
  });
});
