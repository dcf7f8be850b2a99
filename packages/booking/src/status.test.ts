import { describe, expect, it } from "vitest";
import { BOOKING_EVENTS, BOOKING_STATUSES, type BookingEvent, type BookingStatus, transition } from "./status";

// The state machine written out independently of the implementation's table.
const LEGAL: Record<string, BookingStatus> = {
  "REQUESTED ACCEPT": "ACCEPTED",
  "REQUESTED DECLINE": "DECLINED",
  "REQUESTED EXPIRE": "EXPIRED",
  "REQUESTED CANCEL": "CANCELLED",
  "ACCEPTED COMPLETE": "COMPLETED",
  "ACCEPTED CANCEL": "CANCELLED",
  "ACCEPTED SITTER_CANCEL": "CANCELLED",
};

describe("transition", () => {
  const pairs = BOOKING_STATUSES.flatMap((s) => BOOKING_EVENTS.map((e) => [s, e] as [BookingStatus, BookingEvent]));

  it("covers every (state, event) pair", () => {
    expect(pairs).toHaveLength(6 * 6);
  });

  it.each(pairs)("%s + %s", (status, event) => {
    const result = transition(status, event);
    const expected = LEGAL[`${status} ${event}`];
    if (expected) expect(result).toEqual({ ok: true, status: expected });
    else {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(new RegExp(`is ${status.toLowerCase()}, so it cannot be`));
    }
  });

  it("lets a sitter cancel only what they accepted", () => {
    expect(BOOKING_STATUSES.filter((s) => transition(s, "SITTER_CANCEL").ok)).toEqual(["ACCEPTED"]);
    expect(transition("REQUESTED", "SITTER_CANCEL")).toEqual({
      ok: false,
      message: "The booking is requested, so it cannot be cancelled by the sitter",
    });
  });

  it("has no way out of DECLINED, EXPIRED, CANCELLED or COMPLETED", () => {
    for (const status of ["DECLINED", "EXPIRED", "CANCELLED", "COMPLETED"] as const) {
      expect(BOOKING_EVENTS.filter((e) => transition(status, e).ok)).toEqual([]);
    }
  });
});
