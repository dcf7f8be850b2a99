import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { emailsFor } from "./emails";

const links = { petsUrl: "https://pets.burrow.example" };
const booking = {
  bookingId: "b1",
  listingId: "l1",
  tenantId: "tenant",
  sitterId: "sitter",
  status: "ACCEPTED",
  start: "2027-02-01",
  end: "2027-02-05",
};
const event = (type: string, payload: unknown) => ({
  id: "7b0e5c3e-2a4b-4c1d-9f8e-1a2b3c4d5e6f",
  type,
  aggregateId: "b1",
  payload,
  createdAt: "2027-01-10T12:00:00.000Z",
});
const recipients = (type: string, payload: unknown) =>
  emailsFor(event(type, payload), links).map((d) => [d.kind, d.userId, d.link]);

const STAY = "https://pets.burrow.example/stays/b1";
const REQUEST = "https://pets.burrow.example/requests/b1";

describe("emailsFor", () => {
  it("e-mails the sitter about a request and the tenant about the answer", () => {
    expect(recipients("booking.requested", { ...booking, status: "REQUESTED" })).toEqual([
      ["booking.requested", "sitter", REQUEST],
    ]);
    for (const type of ["booking.accepted", "booking.declined", "booking.expired"]) {
      expect(recipients(type, booking)).toEqual([[type, "tenant", STAY]]);
    }
  });

  it("tells the tenant of every cancellation and the sitter only of the tenant's", () => {
    const cancelled = { ...booking, status: "CANCELLED", refundMinor: 4000, currency: "EUR" };
    const bySitter = emailsFor(
      event("booking.cancelled", { ...cancelled, cancelledBy: "sitter", cancelReason: "I am ill." }),
      links,
    );
    expect(bySitter).toEqual([
      {
        kind: "booking.cancelled",
        userId: "tenant",
        party: "tenant",
        link: STAY,
        booking: { ...cancelled, cancelledBy: "sitter", cancelReason: "I am ill." },
      },
    ]);
    // Events from before sitters could cancel have no cancelledBy: the tenant cancelled.
    expect(recipients("booking.cancelled", cancelled)).toEqual([
      ["booking.cancelled", "tenant", STAY],
      ["booking.cancelled", "sitter", REQUEST],
    ]);
  });

  it("e-mails both parties when a stay starts tomorrow and when its review window opens", () => {
    expect(recipients("booking.starts_soon", booking)).toEqual([
      ["booking.starts_soon", "tenant", STAY],
      ["booking.starts_soon", "sitter", REQUEST],
    ]);
    expect(recipients("booking.completed", { ...booking, status: "COMPLETED" })).toEqual([
      ["review.window_opened", "tenant", STAY],
      ["review.window_opened", "sitter", REQUEST],
    ]);
  });

  it("reminds only the parties who have not reviewed, with the closing instant", () => {
    const closing = { ...booking, status: "COMPLETED", closesAt: "2027-02-18T23:00:00.000Z", pending: ["sitter"] };
    const drafts = emailsFor(event("review.window_closing", closing), links);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ kind: "review.window_closing", userId: "sitter", closesAt: closing.closesAt });
    expect(() => emailsFor(event("review.window_closing", { ...closing, pending: [] }), links)).toThrow(ZodError);
  });

  it("sends nothing for other events and refuses malformed payloads", () => {
    expect(recipients("review.published", {})).toEqual([]);
    expect(recipients("listing.hidden", {})).toEqual([]);
    expect(() => recipients("booking.accepted", { ...booking, start: "2027-02-30" })).toThrow(ZodError);
    expect(() => recipients("booking.requested", { ...booking, status: "LOST" })).toThrow(ZodError);
  });
});
