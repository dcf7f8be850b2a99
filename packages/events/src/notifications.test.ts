import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DeliveryRequest } from "./envelope";
import { notificationFor } from "./notifications";

const links = { petsUrl: "https://pets.burrow.example" };
const booking = {
  bookingId: "b1",
  listingId: "l1",
  tenantId: "tenant",
  sitterId: "sitter",
  status: "REQUESTED",
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

describe("notificationFor", () => {
  it("tells the sitter about a request and the tenant about the answer", () => {
    expect(notificationFor(event("booking.requested", booking), links)).toMatchObject({
      userId: "sitter",
      title: "New stay request",
      link: "https://pets.burrow.example/requests/b1",
    });
    for (const type of ["booking.accepted", "booking.declined", "booking.expired"]) {
      expect(notificationFor(event(type, booking), links)).toMatchObject({
        userId: "tenant",
        type,
        link: "https://pets.burrow.example/stays/b1",
      });
    }
    expect(notificationFor(event("booking.cancelled", booking), links)?.userId).toBe("sitter");
  });

  it("tells the tenant, not the sitter, when the sitter cancels, with the reason and the full refund", () => {
    const cancelled = { ...booking, status: "CANCELLED", refundMinor: 4000, currency: "EUR" };
    expect(
      notificationFor(
        event("booking.cancelled", { ...cancelled, cancelledBy: "sitter", cancelReason: "I am ill." }),
        links,
      ),
    ).toEqual({
      userId: "tenant",
      type: "booking.cancelled",
      title: "The sitter cancelled your stay",
      body: "The sitter cancelled your stay 2027-02-01 to 2027-02-05 and you get a full refund. Their reason: I am ill.",
      link: "https://pets.burrow.example/stays/b1",
    });
    expect(notificationFor(event("booking.cancelled", { ...cancelled, cancelledBy: "tenant" }), links)).toMatchObject({
      userId: "sitter",
      body: "The tenant cancelled the stay 2027-02-01 to 2027-02-05.",
    });
    expect(() => notificationFor(event("booking.cancelled", { ...cancelled, cancelledBy: "cat" }), links)).toThrow(
      ZodError,
    );
  });

  it("explains an automatic decline", () => {
    const declined = notificationFor(event("booking.declined", { ...booking, reason: "overlap" }), links);
    expect(declined?.body).toBe("The dates 2027-02-01 to 2027-02-05 were booked by someone else.");
  });

  it("tells the subject of a published review, on their side of the booking", () => {
    const review = {
      reviewId: "r1",
      bookingId: "b1",
      listingId: "l1",
      tenantId: "tenant",
      sitterId: "sitter",
      authorId: "tenant",
      subjectId: "sitter",
      rating: 4,
      publishedAt: "2027-02-20T10:00:00.000Z",
    };
    expect(notificationFor(event("review.published", review), links)).toMatchObject({
      userId: "sitter",
      body: "You received a 4-star review.",
      link: "https://pets.burrow.example/requests/b1",
    });
    expect(
      notificationFor(event("review.published", { ...review, authorId: "sitter", subjectId: "tenant" }), links)?.link,
    ).toBe("https://pets.burrow.example/stays/b1");
  });

  it("ignores events nobody is told about and rejects malformed payloads", () => {
    expect(notificationFor(event("booking.completed", booking), links)).toBeNull();
    expect(notificationFor(event("listing.hidden", {}), links)).toBeNull();
    expect(() => notificationFor(event("booking.accepted", { ...booking, tenantId: "" }), links)).toThrow(ZodError);
    expect(() => notificationFor(event("review.published", { bookingId: "b1" }), links)).toThrow(ZodError);
  });
});

describe("DeliveryRequest", () => {
  it("accepts a batch and refuses an empty one or a bad id", () => {
    expect(DeliveryRequest.safeParse({ events: [event("x", null)] }).success).toBe(true);
    expect(DeliveryRequest.safeParse({ events: [] }).success).toBe(false);
    expect(DeliveryRequest.safeParse({ events: [{ ...event("x", null), id: "1" }] }).success).toBe(false);
  });

  it("keeps an event's trace context, and drops a malformed one instead of refusing the event", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const parsed = DeliveryRequest.parse({
      events: [
        { ...event("x", null), traceparent, tracestate: "vendor=1" },
        { ...event("x", null), traceparent: 42, tracestate: "x".repeat(600) },
      ],
    });
    expect(parsed.events.map((e) => [e.traceparent, e.tracestate])).toEqual([
      [traceparent, "vendor=1"],
      [undefined, undefined],
    ]);
  });
});
