import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_WEEKDAYS, calendarDays, maskToWeekdays, unavailableNights, weekdaysToMask } from "./availability";

describe("weekly plan", () => {
  it("round-trips weekdays through the bitmask", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 })), (days) => {
        const mask = weekdaysToMask(days);
        expect(mask).toBeGreaterThanOrEqual(0);
        expect(mask).toBeLessThanOrEqual(ALL_WEEKDAYS);
        expect(maskToWeekdays(mask)).toEqual([...days].sort());
      }),
    );
    expect(weekdaysToMask([1, 2, 3, 4, 5, 6, 7])).toBe(ALL_WEEKDAYS);
  });

  it("finds the nights outside the plan or blocked", () => {
    // 2027-03-05 is a Friday; weekdays only.
    const result = unavailableNights({ start: "2027-03-04", end: "2027-03-09" }, weekdaysToMask([1, 2, 3, 4, 5]), [
      { start: "2027-03-08", end: "2027-03-20" },
    ]);
    expect(result).toEqual({ offPlan: ["2027-03-06", "2027-03-07"], blocked: ["2027-03-08"] });
  });
});

describe("calendarDays", () => {
  const from = "2027-03-01";
  const days = calendarDays({
    from,
    weekdays: weekdaysToMask([1, 2, 3, 4, 5]),
    blocks: [{ start: "2027-03-03", end: "2027-03-05" }],
    stays: [
      { start: "2027-03-01", end: "2027-03-03", status: "ACCEPTED" },
      { start: "2027-03-02", end: "2027-03-04", status: "REQUESTED" },
      { start: "2027-03-08", end: "2027-03-09", status: "DECLINED" },
      { start: "2027-02-20", end: "2027-03-01", status: "COMPLETED" },
    ],
  });

  it("covers six months from the given day", () => {
    expect(days[0]?.date).toBe("2027-03-01");
    expect(days.at(-1)?.date).toBe("2027-08-31");
    expect(days).toHaveLength(184);
  });

  it("marks booked over requested over blocked over off days", () => {
    expect(days.slice(0, 9).map((d) => d.state)).toEqual([
      "booked", // 03-01 accepted
      "booked", // 03-02 accepted and requested
      "requested", // 03-03 requested and blocked
      "blocked", // 03-04
      "free", // 03-05 Friday
      "off", // 03-06 Saturday
      "off", // 03-07 Sunday
      "free", // 03-08 declined stays do not count
      "free",
    ]);
  });
});
