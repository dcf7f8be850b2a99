// The wire contract between pets' outbox dispatcher and web's events endpoint
// (POST /api/internal/events, behind a service token).
import { z } from "zod";

export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(64),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
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
