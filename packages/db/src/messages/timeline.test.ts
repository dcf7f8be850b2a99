import { describe, expect, it } from "vitest";
import { type BookingHistory, bookingLines, interleave } from "./timeline";

const t = (minute: number) => new Date(Date.UTC(2027, 2, 1, 12, minute));
const booking = (over: Partial<BookingHistory>): BookingHistory => ({
  id: "b1",
  status: "REQUESTED",
  start: "2027-04-01",
  end: "2027-04-04",
  pets: 1,
  createdAt: t(0),
  decidedAt: null,
  cancelledAt: null,
  cancelledBy: null,
  cancelReason: null,
  expiresAt: t(500),
  updatedAt: t(0),
  ...over,
});
const events = (b: BookingHistory) => bookingLines(b).map((l) => [l.event, l.at]);

describe("bookingLines", () => {
  it("a live request: requested", () => {
    expect(events(booking({}))).toEqual([["REQUESTED", t(0)]]);
  });
  it("accepted, then completed at its last update", () => {
    expect(events(booking({ status: "COMPLETED", decidedAt: t(5), updatedAt: t(90) }))).toEqual([
      ["REQUESTED", t(0)],
      ["ACCEPTED", t(5)],
      ["COMPLETED", t(90)],
    ]);
  });
  it("declined, or expired at its expiry", () => {
    expect(events(booking({ status: "DECLINED", decidedAt: t(7) }))).toEqual([
      ["REQUESTED", t(0)],
      ["DECLINED", t(7)],
    ]);
    expect(events(booking({ status: "EXPIRED", updatedAt: t(600) }))).toEqual([
      ["REQUESTED", t(0)],
      ["EXPIRED", t(500)],
    ]);
  });
  it("a request cancelled before any decision, and an accepted stay cancelled", () => {
    expect(events(booking({ status: "CANCELLED", cancelledAt: t(3), cancelledBy: "TENANT" }))).toEqual([
      ["REQUESTED", t(0)],
      ["CANCELLED", t(3)],
    ]);
    expect(
      events(
        booking({
          status: "CANCELLED",
          decidedAt: t(2),
          cancelledAt: t(9),
          cancelledBy: "SITTER",
          cancelReason: "ill",
        }),
      ),
    ).toEqual([
      ["REQUESTED", t(0)],
      ["ACCEPTED", t(2)],
      ["CANCELLED", t(9)],
    ]);
  });
  it("keys are unique per booking and event", () => {
    const keys = bookingLines(booking({ status: "COMPLETED", decidedAt: t(5), updatedAt: t(90) })).map((l) => l.key);
    expect(new Set(keys).size).toBe(3);
  });
});

describe("interleave", () => {
  const m = (minute: number) => ({ createdAt: t(minute), text: `m${minute}` });
  const shape = (entries: ReturnType<typeof interleave<ReturnType<typeof m>>>) =>
    entries.map((e) => (e.kind === "message" ? e.message.text : e.event));
  const accepted = booking({ status: "ACCEPTED", createdAt: t(10), decidedAt: t(20) });

  it("puts the lines between the messages by time, a line before a message of the same instant", () => {
    expect(shape(interleave([m(5), m(10), m(15), m(25)], [accepted], { olderPages: false, newerFrom: null }))).toEqual([
      "m5",
      "REQUESTED",
      "m10",
      "m15",
      "ACCEPTED",
      "m25",
    ]);
  });

  it("shows lines without messages (a thread opened from a booking)", () => {
    expect(shape(interleave([], [accepted], { olderPages: false, newerFrom: null }))).toEqual([
      "REQUESTED",
      "ACCEPTED",
    ]);
  });

  it("a page shows only the lines of its own span", () => {
    // Newest page: from its oldest message on; older lines belong to the older page.
    expect(shape(interleave([m(15), m(25)], [accepted], { olderPages: true, newerFrom: null }))).toEqual([
      "m15",
      "ACCEPTED",
      "m25",
    ]);
    // The oldest page, up to the newer page's oldest message.
    expect(shape(interleave([m(5), m(10)], [accepted], { olderPages: false, newerFrom: t(15) }))).toEqual([
      "m5",
      "REQUESTED",
      "m10",
    ]);
  });
});
