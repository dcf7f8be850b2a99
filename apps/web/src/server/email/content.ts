// What each booking e-mail says. The words are built here from the event's draft and the booking's
// listing; template.tsx lays them out (HTML and plain text). Stay dates are calendar dates of the
// listing's zone and are shown as such; instants (a request's deadline, the review window's close)
// are shown in the listing's zone, named.
import { reviewWindowEnd } from "@burrow/booking";
import type { BookingEmailDraft, DigestEmailDraft } from "@burrow/events";
import { formatMinorUnits } from "@burrow/ui/money";

/** One e-mail's content, whatever its kind: a subject, a few paragraphs, facts and one button. */
export interface EmailContent {
  subject: string;
  /** The inbox preview line. */
  preview: string;
  heading: string;
  paragraphs: string[];
  facts: { label: string; value: string }[];
  action: { label: string; url: string };
}

export interface BookingContext {
  listing: { title: string; city: string; timeZone: string };
  /** When the request lapses (booking.requested). */
  expiresAt: Date;
}

/** "Monday 1 February 2027": a calendar date, the same wherever it is read. */
export const formatStayDate = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

/** "Friday 19 February 2027 at 00:00 (Europe/Berlin time)". */
export const formatInstant = (instant: Date, timeZone: string) =>
  `${new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone }).format(instant)} (${timeZone} time)`;

export function bookingEmailContent(draft: BookingEmailDraft, { listing, expiresAt }: BookingContext): EmailContent {
  const b = draft.booking;
  const [start, end] = [formatStayDate(b.start), formatStayDate(b.end)];
  const where = `“${listing.title}” in ${listing.city}`;
  const facts = [
    { label: "Listing", value: `${listing.title}, ${listing.city}` },
    { label: "Arrival", value: start },
    { label: "Departure", value: end },
  ];
  const open = { label: draft.party === "tenant" ? "Open your stay" : "Open the request", url: draft.link };
  const make = (subject: string, paragraphs: string[], extra: EmailContent["facts"] = [], action = open) => ({
    subject,
    preview: paragraphs[0] ?? subject,
    heading: subject,
    paragraphs,
    facts: [...facts, ...extra],
    action,
  });
  const refund = b.refundMinor !== undefined && b.currency ? formatMinorUnits(b.refundMinor, b.currency) : null;

  switch (draft.kind) {
    case "booking.requested":
      return make(
        "New stay request",
        [
          `A pet owner asks to stay at ${where} from ${start} to ${end}.`,
          `Accept or decline before ${formatInstant(expiresAt, listing.timeZone)}: unanswered requests expire then.`,
        ],
        [],
        { label: "Answer the request", url: draft.link },
      );
    case "booking.accepted":
      return make("Your stay is confirmed", [`The sitter accepted your stay at ${where} from ${start} to ${end}.`]);
    case "booking.declined":
      return make("Your request was declined", [
        b.reason === "overlap"
          ? `The dates ${start} to ${end} at ${where} were booked by someone else.`
          : b.reason === "archived"
            ? `${where} no longer takes stays, so your request for ${start} to ${end} was declined.`
            : `The sitter declined your request to stay at ${where} from ${start} to ${end}.`,
        "Nothing was charged. Search for another sitter on Burrow.",
      ]);
    case "booking.expired":
      return make("Your request expired", [
        `The sitter did not answer your request to stay at ${where} from ${start} to ${end} in time.`,
        "Nothing was charged. Search for another sitter on Burrow.",
      ]);
    case "booking.cancelled": {
      const refundFact = refund ? [{ label: "Refund", value: refund }] : [];
      if (draft.party === "sitter") {
        return make("A stay was cancelled", [
          `The pet owner cancelled their stay at ${where} from ${start} to ${end}. The dates are free again.`,
        ]);
      }
      if (b.cancelledBy === "sitter") {
        return make(
          "The sitter cancelled your stay",
          [
            `The sitter cancelled your stay at ${where} from ${start} to ${end}.`,
            `You get a full refund${refund ? ` of ${refund}` : ""}.`,
            `Their reason: ${b.cancelReason || "none given"}`,
          ],
          refundFact,
        );
      }
      return make(
        "You cancelled your stay",
        [
          `You cancelled your stay at ${where} from ${start} to ${end}.`,
          refund ? `Your refund under the cancellation policy: ${refund}.` : "",
        ].filter(Boolean),
        refundFact,
      );
    }
    case "booking.starts_soon":
      return make("Your stay starts tomorrow", [
        draft.party === "tenant"
          ? `Your stay at ${where} starts tomorrow, ${start}, and ends on ${end}.`
          : `A pet owner's stay at ${where} starts tomorrow, ${start}, and ends on ${end}.`,
      ]);
    case "review.window_opened": {
      const closes = formatInstant(reviewWindowEnd(b.end, listing.timeZone), listing.timeZone);
      return make(
        "How was the stay?",
        [
          `The stay at ${where} from ${start} to ${end} is over.`,
          `Review ${draft.party === "tenant" ? "the sitter" : "the pet owner"} until ${closes}. Reviews stay hidden until both of you have written or the time is up.`,
        ],
        [],
        { label: "Write a review", url: draft.link },
      );
    }
    case "review.window_closing": {
      const closes = formatInstant(
        draft.closesAt ? new Date(draft.closesAt) : reviewWindowEnd(b.end, listing.timeZone),
        listing.timeZone,
      );
      return make(
        "Reviews close soon",
        [`You have not reviewed your stay at ${where} from ${start} to ${end} yet.`, `Reviews close on ${closes}.`],
        [],
        { label: "Write a review", url: draft.link },
      );
    }
  }
}

/** The unread-messages digest: how many, in which listings' threads, and the way to the inbox. */
export function digestEmailContent(draft: DigestEmailDraft): EmailContent {
  const total = draft.threads.reduce((sum, t) => sum + t.unread, 0);
  const messages = `${total} unread message${total === 1 ? "" : "s"}`;
  const threads = `${draft.threads.length} conversation${draft.threads.length === 1 ? "" : "s"}`;
  return {
    subject: `You have ${messages} on Burrow`,
    preview: `${messages} in ${threads}`,
    heading: `You have ${messages}`,
    paragraphs: [
      `${messages} in ${threads} have waited for you for 15 minutes or more.`,
      "This is one summary: we do not e-mail every message.",
    ],
    facts: draft.threads.map((t) => ({ label: t.listingTitle, value: `${t.unread} unread` })),
    action: { label: "Open your messages", url: draft.link },
  };
}
