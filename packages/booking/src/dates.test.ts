import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dateColumn,
  datesIn,
  ianaTimeZone,
  isIsoDate,
  isoDateOf,
  isoWeekday,
  nightsBetween,
  overlaps,
  startOfDayIn,
  todayIn,
} from "./dates";

describe("calendar dates", () => {
  it("accepts only real YYYY-MM-DD dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-30", "2027-02-29", "2027-13-01", "2027-1-01", "20270101", "2027-01-01T00:00", ""]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it("recognises IANA zone names, canonicalised, and rejects offsets and nonsense", () => {
    expect(ianaTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(ianaTimeZone("america/new_york")).toBe("America/New_York");
    expect(ianaTimeZone("UTC")).toBe("UTC");
    for (const bad of ["+01:00", "Mars/Olympus", "", "Europe/Berlin; DROP TABLE", "-05"]) {
      expect(ianaTimeZone(bad), bad).toBeNull();
    }
  });

  it("knows today in the listing's zone, not the server's", () => {
    const now = new Date("2027-03-01T23:30:00Z");
    expect(todayIn("Europe/Berlin", now)).toBe("2027-03-02");
    expect(todayIn("America/New_York", now)).toBe("2027-03-01");
    expect(todayIn("Pacific/Kiritimati", new Date("2027-03-01T10:00:00Z"))).toBe("2027-03-02");
  });

  it("starts days at local midnight across DST changes", () => {
    // Europe/Berlin springs forward on 2027-03-28 and falls back on 2027-10-31.
    expect(startOfDayIn("2027-03-28", "Europe/Berlin").toISOString()).toBe("2027-03-27T23:00:00.000Z");
    expect(startOfDayIn("2027-03-29", "Europe/Berlin").toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(startOfDayIn("2027-11-01", "Europe/Berlin").toISOString()).toBe("2027-10-31T23:00:00.000Z");
    // America/New_York springs forward on 2027-03-14.
    expect(startOfDayIn("2027-03-15", "America/New_York").toISOString()).toBe("2027-03-15T04:00:00.000Z");
    // Where DST skips midnight the day starts at 01:00 (America/Santiago, 2026-09-06).
    expect(startOfDayIn("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("counts nights as calendar days, whatever DST does to the hours", () => {
    expect(nightsBetween("2027-03-27", "2027-03-30")).toBe(3);
    expect(nightsBetween("2027-10-30", "2027-11-01")).toBe(2);
    expect(nightsBetween("2027-03-05", "2027-03-01")).toBe(-4);
    expect(datesIn({ start: "2028-02-28", end: "2028-03-02" })).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(isoWeekday("2027-03-01")).toBe(1);
    expect(isoDateOf(dateColumn("2027-03-01"))).toBe("2027-03-01");
  });

  it("treats ranges as half-open: back-to-back stays do not overlap", () => {
    expect(overlaps({ start: "2027-03-01", end: "2027-03-10" }, { start: "2027-03-10", end: "2027-03-12" })).toBe(
      false,
    );
    expect(overlaps({ start: "2027-03-01", end: "2027-03-10" }, { start: "2027-03-09", end: "2027-03-12" })).toBe(true);
  });

  it("overlap means the ranges share a night (property)", () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays("2027-01-01", n));
    const range = fc
      .tuple(day, fc.integer({ min: 1, max: 20 }))
      .map(([start, n]) => ({ start, end: addDays(start, n) }));
    fc.assert(
      fc.property(range, range, (a, b) => {
        const shared = datesIn(a).some((d) => datesIn(b).includes(d));
        expect(overlaps(a, b)).toBe(shared);
        expect(overlaps(b, a)).toBe(shared);
      }),
    );
  });
});
