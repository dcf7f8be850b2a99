// Pets' outbox dispatcher delivers event batches here (at least once, in order per booking).
// Answers which events are handled; a repeat of a handled event counts as handled.
import { DeliveryRequest } from "@burrow/events";
import { withServiceToken } from "@burrow/service-auth";
import { z } from "zod";
import { env } from "../../../../env";
import { bookingEmails } from "../../../../server/email/booking-emails";
import { digestEmails } from "../../../../server/email/digest-emails";
import { emailSender } from "../../../../server/email/send";
import { emailSettings } from "../../../../server/email/settings";
import { consumeEvents } from "../../../../server/events/consume";
import { notificationRepository } from "../../../../server/mongo/notifications";

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

// The token's issuer is pets: web is the audience, and tokens never go from an app to itself.
export const POST = withServiceToken("web", async (request) => {
  const parsed = DeliveryRequest.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return json({ error: "Send { events: [...] }", issues: z.flattenError(parsed.error).fieldErrors }, 400);
  }
  const notifications = notificationRepository();
  const petsUrl = env("PETS_URL").origin;
  const send = emailSender(emailSettings);
  const response = await consumeEvents(parsed.data.events, {
    petsUrl,
    notify: async (draft, eventId) => {
      const created = await notifications.create({ ...draft, eventId });
      if (!created.ok) throw new Error(`${created.message}: ${JSON.stringify(created.fieldErrors ?? {})}`);
    },
    email: async (event) => {
      await bookingEmails(send, { petsUrl })(event);
      await digestEmails(send, { petsUrl })(event);
    },
  });
  return json(response, 200);
});
