import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfDayIn } from "./dates";
import { CANCELLATION_POLICIES, cancellationRefund, REFUND_POLICIES, refundFor } from "./refund";

const at = (iso: string) => new Date(iso);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe("refundFor: the documented policies", () => {
  // A stay starting 2027-06-10 in Berlin (CEST, UTC+2): day starts are 22:00Z the evening before.
  const start = "2027-06-10";
  const tz = "Europe/Berlin";
  const cases: [string, string, number][] = [
    ["FLEXIBLE", "2027-06-08T21:59:59.999Z", 1000], // before 00:00 on 06-09
    ["FLEXIBLE", "2027-06-08T22:00:00.000Z", 500],
    ["FLEXIBLE", "2027-06-12T10:00:00.000Z", 500], // even once the stay has begun
    ["MODERATE", "2027-06-04T21:59:59.999Z", 1000], // before 00:00 on 06-05
    ["MODERATE", "2027-06-04T22:00:00.000Z", 500],
    ["MODERATE", "2027-06-08T21:59:59.999Z", 500],
    ["MODERATE", "2027-06-08T22:00:00.000Z", 0],
    ["STRICT", "2027-06-02T21:59:59.999Z", 500], // before 00:00 on 06-03
    ["STRICT", "2027-06-02T22:00:00.000Z", 0],
  ];
  it.each(cases)("%s cancelled at %s refunds %i of 1000", (policy, when, refund) => {
    expect(refundFor(policy as "FLEXIBLE", 1000, at(when), start, tz)).toBe(refund);
  });

  it("rounds half shares down to whole minor units", () => {
    expect(refundFor("FLEXIBLE", 999, at("2027-06-09T12:00:00Z"), start, tz)).toBe(499);
    expect(refundFor("STRICT", 1, at("2027-01-01T00:00:00Z"), start, tz)).toBe(0);
  });

  it("puts deadlines at local midnight when the day before is only 23 hours long (Berlin, spring forward)", () => {
    // 2027-03-28 has 23 hours in Berlin; a stay starting 2027-03-29 begins at 2027-03-28T22:00Z.
    const deadline = startOfDayIn("2027-03-28", "Europe/Berlin");
    expect(deadline.toISOString()).toBe("2027-03-27T23:00:00.000Z");
    expect(refundFor("FLEXIBLE", 100, ms(deadline, -1), "2027-03-29", "Europe/Berlin")).toBe(100);
    expect(refundFor("FLEXIBLE", 100, deadline, "2027-03-29", "Europe/Berlin")).toBe(50);
  });

  it("and when it is 25 hours long (New York, fall back on 2027-11-07)", () => {
    const deadline = startOfDayIn("2027-11-07", "America/New_York");
    expect(deadline.toISOString()).toBe("2027-11-07T04:00:00.000Z");
    expect(refundFor("MODERATE", 100, ms(deadline, -1), "2027-11-08", "America/New_York")).toBe(50);
    expect(refundFor("MODERATE", 100, deadline, "2027-11-08", "America/New_York")).toBe(0);
  });

  it("rejects a negative or fractional total", () => {
    expect(() => refundFor("FLEXIBLE", -1, at("2027-01-01T00:00:00Z"), start, tz)).toThrow(RangeError);
    expect(() => refundFor("FLEXIBLE", 1.5, at("2027-01-01T00:00:00Z"), start, tz)).toThrow(RangeError);
  });

  it("lists tiers earliest deadline first with shares that never grow", () => {
    for (const policy of CANCELLATION_POLICIES) {
      const { tiers, after } = REFUND_POLICIES[policy];
      const shares = [...tiers.map((t) => t.percent), after];
      const days = tiers.map((t) => t.daysBefore);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
  });
});

describe("refundFor: properties across DST changes", () => {
  // Stays starting around the changes: Berlin's last Sundays of March and October, New York's
  // second Sunday of March and first of November, and Sydney's (southern hemisphere).
  const anchors = [
    ["Europe/Berlin", "2027-03-28"],
    ["Europe/Berlin", "2027-10-31"],
    ["Europe/Berlin", "2026-10-25"],
    ["America/New_York", "2027-03-14"],
    ["America/New_York", "2027-11-07"],
    ["Australia/Sydney", "2027-04-04"],
    ["Asia/Tokyo", "2027-03-28"],
  ] as const;
  const stay = fc
    .record({
      anchor: fc.constantFrom(...anchors),
      shift: fc.integer({ min: -3, max: 10 }),
      policy: fc.constantFrom(...CANCELLATION_POLICIES),
      total: fc.integer({ min: 0, max: 600_000_000 }),
    })
    .map(({ anchor, shift, ...rest }) => ({ ...rest, timeZone: anchor[0], startDate: addDays(anchor[1], shift) }));
  // Cancellation instants from 12 days before the stay's start to 3 days after it.
  const offset = fc.integer({ min: -12 * 86_400_000, max: 3 * 86_400_000 });
  const instant = (s: { startDate: string; timeZone: string }, delta: number) =>
    ms(startOfDayIn(s.startDate, s.timeZone), delta);

  it("is never negative and never above the total", () => {
    fc.assert(
      fc.property(stay, offset, (s, delta) => {
        const refund = refundFor(s.policy, s.total, instant(s, delta), s.startDate, s.timeZone);
        expect(Number.isInteger(refund)).toBe(true);
        expect(refund).toBeGreaterThanOrEqual(0);
        expect(refund).toBeLessThanOrEqual(s.total);
      }),
      { numRuns: 500 },
    );
  });

  it("never refunds less for cancelling earlier", () => {
    fc.assert(
      fc.property(stay, offset, offset, (s, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const refund = (delta: number) => refundFor(s.policy, s.total, instant(s, delta), s.startDate, s.timeZone);
        expect(refund(early)).toBeGreaterThanOrEqual(refund(late));
      }),
      { numRuns: 500 },
    );
  });

  it("changes only at local midnights of the listing's zone", () => {
    fc.assert(
      fc.property(stay, offset, (s, delta) => {
        const when = instant(s, delta);
        const refund = refundFor(s.policy, s.total, when, s.startDate, s.timeZone);
        // Any instant within the same local day gives the same refund.
        const local = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone, dateStyle: "short" }).format(when);
        const dayStart = startOfDayIn(local, s.timeZone);
        const nextDayStart = startOfDayIn(addDays(local, 1), s.timeZone);
        for (const t of [dayStart, ms(nextDayStart, -1)]) {
          expect(refundFor(s.policy, s.total, t, s.startDate, s.timeZone)).toBe(refund);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("cancellationRefund", () => {
  const stay = { totalPriceMinor: 1000, start: "2027-06-10" };
  const tz = "Europe/Berlin";
  const late = at("2027-06-12T10:00:00Z"); // the stay has begun: every policy keeps something of a tenant's cancel

  it.each(CANCELLATION_POLICIES)("a sitter's cancel of an accepted %s stay refunds the total", (policy) => {
    const booking = { ...stay, status: "ACCEPTED" as const, cancellationPolicy: policy };
    expect(cancellationRefund("SITTER", booking, late, tz)).toBe(1000);
    expect(cancellationRefund("TENANT", booking, late, tz)).toBe(refundFor(policy, 1000, late, stay.start, tz));
    expect(cancellationRefund("TENANT", booking, late, tz)).toBeLessThan(1000);
  });

  it("a tenant's cancel of a request refunds the total", () => {
    const request = { ...stay, status: "REQUESTED" as const, cancellationPolicy: "STRICT" as const };
    expect(cancellationRefund("TENANT", request, late, tz)).toBe(1000);
  });
});
