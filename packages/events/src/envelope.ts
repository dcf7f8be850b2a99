// The wire contract between pets' outbox dispatcher and web's events endpoint
// (POST /api/internal/events, behind a service token).
import { z } from "zod";

export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(64),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
  /**
   * The W3C trace context of the dispatcher's delivery span, so web's handling of the event continues
   * the trace of the request that caused it. Optional and never a reason to refuse: a malformed one
   * is dropped.
   */
  traceparent: z.string().max(55).nullish().catch(undefined),
  tracestate: z.string().max(512).nullish().catch(undefined),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** One batch, in delivery order (events of one aggregate oldest first). */
export const DeliveryRequest = z.object({ events: z.array(EventEnvelope).min(1).max(100) });
export type DeliveryRequest = z.infer<typeof DeliveryRequest>;

/** Per event: processed (now or before — delivery is at least once) or failed with a reason. */
export const DeliveryResponse = z.object({
  delivered: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), error: z.string() })),
});
export type DeliveryResponse = z.infer<typeof DeliveryResponse>;
