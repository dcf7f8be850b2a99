import type { BookingEmailDraft } from "@burrow/events";
import { describe, expect, it } from "vitest";
import { bookingEmailContent } from "./content";
import { renderEmail } from "./template";

const listing = { title: "Garden flat <b>for dogs</b>", city: "Berlin", timeZone: "Europe/Berlin" };
const booking = {
  bookingId: "b1",
  listingId: "l1",
  tenantId: "tenant",
  sitterId: "sitter",
  status: "ACCEPTED" as const,
  start: "2027-02-01",
  end: "2027-02-05",
};
const footer = {
  kindLabel: "A sitter accepts your request",
  unsubscribeUrl: "https://burrow.example/email/unsubscribe?u=tenant&k=booking.accepted&t=a.b.c",
  settingsUrl: "https://burrow.example/account",
};
const draft = (overrides: Partial<BookingEmailDraft>): BookingEmailDraft => ({
  kind: "booking.accepted",
  userId: "tenant",
  party: "tenant",
  booking,
  link: "https://pets.burrow.example/stays/b1",
  ...overrides,
});
const ctx = { listing, expiresAt: new Date("2027-01-13T12:00:00Z") };

async function rendered(d: BookingEmailDraft) {
  const content = bookingEmailContent(d, ctx);
  return { content, ...(await renderEmail(content, footer)) };
}

describe("booking e-mails", () => {
  it("render the acceptance with the stay's dates and the links in both parts", async () => {
    const { content, html, text } = await rendered(draft({}));
    expect(content.subject).toBe("Your stay is confirmed");
    for (const part of [html, text]) {
      expect(part).toContain("Monday, 1 February 2027");
      expect(part).toContain("Friday, 5 February 2027");
      expect(part).toContain("https://pets.burrow.example/stays/b1");
      expect(part).toContain("https://burrow.example/account");
    }
    // The unsubscribe URL's & is escaped in HTML, plain in the text part.
    expect(html).toContain(
      'href="https://burrow.example/email/unsubscribe?u=tenant&amp;k=booking.accepted&amp;t=a.b.c"',
    );
    expect(text).toContain(footer.unsubscribeUrl);
    // The listing's title is text, never markup.
    expect(html).toContain("Garden flat &lt;b&gt;for dogs&lt;/b&gt;");
    expect(html).not.toContain("<b>for dogs</b>");
    expect(text).toMatchInlineSnapshot(`
      "Burrow


      YOUR STAY IS CONFIRMED

      The sitter accepted your stay at “Garden flat <b>for dogs</b>” in Berlin from Monday, 1 February 2027 to Friday, 5 February 2027.

      Listing: Garden flat <b>for dogs</b>, Berlin

      Arrival: Monday, 1 February 2027

      Departure: Friday, 5 February 2027

      Open your stay https://pets.burrow.example/stays/b1

      Or open this address: https://pets.burrow.example/stays/b1

      ----------------------------------------

      You get this e-mail because “A sitter accepts your request” is switched on for your Burrow account. Stop these e-mails https://burrow.example/email/unsubscribe?u=tenant&k=booking.accepted&t=a.b.c or choose which e-mails you get https://burrow.example/account."
    `);
  });

  it("give the sitter the request's deadline in the listing's zone and link to the request", async () => {
    const { text, html } = await rendered(
      draft({
        kind: "booking.requested",
        userId: "sitter",
        party: "sitter",
        link: "https://pets.burrow.example/requests/b1",
      }),
    );
    for (const part of [text, html]) {
      expect(part).toContain("Wednesday, 13 January 2027 at 13:00 (Europe/Berlin time)");
      expect(part).toContain("https://pets.burrow.example/requests/b1");
    }
    expect(text).toContain("Answer the request https://pets.burrow.example/requests/b1");
  });

  it("tell the tenant of a sitter's cancellation: the full refund and the reason", async () => {
    const cancelled = {
      ...booking,
      status: "CANCELLED" as const,
      cancelledBy: "sitter" as const,
      cancelReason: "I am ill.",
      refundMinor: 18_200,
      currency: "EUR",
    };
    const { content, text } = await rendered(draft({ kind: "booking.cancelled", booking: cancelled }));
    expect(content.subject).toBe("The sitter cancelled your stay");
    expect(text).toContain("You get a full refund of €182.00.");
    expect(text).toContain("Their reason: I am ill.");
    expect(text).toContain("Refund: €182.00");
    const byTenant = await rendered(
      draft({ kind: "booking.cancelled", party: "sitter", booking: { ...cancelled, cancelledBy: "tenant" } }),
    );
    expect(byTenant.content.subject).toBe("A stay was cancelled");
    expect(byTenant.text).not.toContain("refund");
  });

  it("give the review window's close in the listing's zone", async () => {
    const opened = await rendered(
      draft({ kind: "review.window_opened", booking: { ...booking, status: "COMPLETED" } }),
    );
    // Ends 5 February: the window closes at the start of 19 February in Berlin.
    expect(opened.text).toContain("until Friday, 19 February 2027 at 00:00 (Europe/Berlin time)");
    expect(opened.text).toContain("Write a review https://pets.burrow.example/stays/b1");
    const closing = await rendered(
      draft({
        kind: "review.window_closing",
        party: "sitter",
        link: "https://pets.burrow.example/requests/b1",
        closesAt: "2027-02-18T23:00:00.000Z",
      }),
    );
    expect(closing.text).toContain("Reviews close on Friday, 19 February 2027 at 00:00 (Europe/Berlin time).");
    expect(closing.html).toContain("https://pets.burrow.example/requests/b1");
  });

  it("tell both parties that the stay starts tomorrow, each from their side", async () => {
    const tenant = await rendered(draft({ kind: "booking.starts_soon" }));
    expect(tenant.text).toContain(
      "Your stay at “Garden flat <b>for dogs</b>” in Berlin starts tomorrow, Monday, 1 February 2027",
    );
    const sitter = await rendered(draft({ kind: "booking.starts_soon", party: "sitter" }));
    expect(sitter.text).toContain("A pet owner's stay at");
  });
});
