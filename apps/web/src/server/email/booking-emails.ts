// The events consumer's e-mail step: the e-mails @burrow/events' emailsFor() names for an event, each
// written for its recipient and sent through sendUserEmail, keyed by the event's id.
import { bookingDetailsRepository } from "@burrow/db";
import { type EventEnvelope, emailsFor } from "@burrow/events";
import { type BookingContext, bookingEmailContent } from "./content";
import type { SendUserEmail } from "./send";

export function bookingEmails(
  send: SendUserEmail,
  { petsUrl }: { petsUrl: string },
  bookings = bookingDetailsRepository(),
) {
  return async (event: EventEnvelope): Promise<void> => {
    const drafts = emailsFor(event, { petsUrl });
    // The listing's title, city and zone, and the request's deadline, come from the booking itself,
    // read once and only when an e-mail is really written (not for switched-off or sent ones).
    let context: Promise<BookingContext> | undefined;
    const load = (bookingId: string) =>
      (context ??= bookings.forEvent(bookingId).then((found) => {
        if (!found.ok) throw new Error(`booking ${bookingId} of event ${event.id}: ${found.message}`);
        return { listing: found.booking.listing, expiresAt: found.booking.expiresAt };
      }));
    for (const draft of drafts) {
      await send({
        kind: draft.kind,
        userId: draft.userId,
        key: event.id,
        content: async () => bookingEmailContent(draft, await load(draft.booking.bookingId)),
      });
    }
  };
}
