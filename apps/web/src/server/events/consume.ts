// Web's side of the outbox: turns a delivered batch into notifications and e-mails, idempotently. An
// event is skipped when already processed; its notification and its e-mails are keyed by the event id
// as well, so a crash between the writes cannot notify or e-mail twice (FerretDB has no multi-document
// transactions). An e-mail that cannot be sent (SMTP down) fails the event: the outbox retries it.
// Each event is handled in a span continuing the trace of the request that wrote it.
import { type DeliveryResponse, type EventEnvelope, type NotificationDraft, notificationFor } from "@burrow/events";
import { consumeSpan } from "@burrow/observability/messaging";
import { markProcessed, wasProcessed } from "../mongo/processed-event";

export interface ConsumeOptions {
  petsUrl: string;
  /** Stores the notification once per event id. */
  notify: (draft: NotificationDraft, eventId: string) => Promise<void>;
  /** Sends the event's e-mails, each once per recipient and kind. */
  email: (event: EventEnvelope) => Promise<void>;
}

/**
 * Handles events in the order given. After one fails, later events of the same aggregate are not
 * handled (reported failed), so each booking's events are applied in order.
 */
export async function consumeEvents(
  events: EventEnvelope[],
  { petsUrl, notify, email }: ConsumeOptions,
): Promise<DeliveryResponse> {
  const response: DeliveryResponse = { delivered: [], failed: [] };
  const stalled = new Set<string>();
  for (const event of events) {
    if (stalled.has(event.aggregateId)) {
      response.failed.push({ id: event.id, error: "an earlier event of this aggregate failed" });
      continue;
    }
    try {
      await consumeSpan(event, async () => {
        if (await wasProcessed(event.id)) return;
        const draft = notificationFor(event, { petsUrl });
        if (draft) await notify(draft, event.id);
        await email(event);
        await markProcessed(event.id, event.type);
      });
      response.delivered.push(event.id);
    } catch (error) {
      stalled.add(event.aggregateId);
      response.failed.push({
        id: event.id,
        error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
    }
  }
  return response;
}
