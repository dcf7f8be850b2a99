// Pets' outbox dispatcher: rounds of outboxRepository().deliverDue() back to back while there is a
// backlog, then a pause. Each round's batch goes to web's events endpoint over HTTP with a
// short-lived service token. Several pets instances may each run one: the round's advisory lock
// lets one deliver at a time.
import { type DeliverOptions, type OutboxMessage, outboxRepository, type Send } from "@burrow/db";
import { DeliveryResponse } from "@burrow/events";
import { serviceCall } from "@burrow/observability/calls";
import { deliverySpans } from "@burrow/observability/messaging";
import { metrics } from "@burrow/observability/metrics";

export interface HttpSenderOptions {
  /** Web's events endpoint, e.g. https://burrow.example/api/internal/events. */
  url: string;
  /** A fresh service token per request (they live ≤ 60 s). */
  token: () => Promise<string>;
  timeoutMs: number;
}

/**
 * Posts a batch; any answer but a valid 200 DeliveryResponse fails the whole batch. Each event goes
 * with the trace context of its delivery span (see @burrow/observability/messaging).
 */
export function httpSender({ url, token, timeoutMs }: HttpSenderOptions): Send {
  return async (batch: OutboxMessage[]) => {
    const serviceToken = await token();
    return serviceCall("web-api", "web-api POST events", async (headers) => {
      const deliveries = deliverySpans(batch);
      const events = batch.map((e, i) => ({ ...e, createdAt: e.createdAt.toISOString(), ...deliveries.sent[i] }));
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", "x-service-token": serviceToken },
          body: JSON.stringify({ events }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        const parsed = DeliveryResponse.safeParse(await res.json());
        if (!parsed.success) throw new Error(`${url} answered 200 with an unexpected body`);
        const delivered = new Set(parsed.data.delivered);
        deliveries.end((id) => !delivered.has(id));
        return parsed.data;
      } catch (error) {
        deliveries.end(() => true);
        throw error;
      }
    });
  };
}

export interface DispatcherOptions extends Omit<DeliverOptions, "now"> {
  send: Send;
  /** Pause between rounds when the queue is drained or a round failed. */
  idleMs: number;
  log?: (line: string) => void;
  repository?: ReturnType<typeof outboxRepository>;
}

export interface Dispatcher {
  /** Resolves once the current round (if any) has finished; no round starts after. */
  stop(): Promise<void>;
}

export function startDispatcher({
  send,
  idleMs,
  log = () => {},
  repository,
  ...deliver
}: DispatcherOptions): Dispatcher {
  const outbox = repository ?? outboxRepository();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const round = async () => {
    let pause = idleMs;
    try {
      const result = await outbox.deliverDue(send, deliver);
      const deliveries = metrics().outboxDeliveries;
      for (const outcome of ["delivered", "failed", "parked"] as const)
        deliveries.labels({ outcome }).inc(result[outcome]);
      if (result.failed > 0) log(`outbox: ${result.failed} of ${result.sent} events failed; they will be retried`);
      if (result.parked > 0) log(`outbox: ${result.parked} events parked after their last attempt`);
      // A full batch means a backlog: go again at once.
      if (result.locked && result.sent > 0 && result.sent === (deliver.batchSize ?? 50)) pause = 0;
    } catch (error) {
      log(`outbox: round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, pause);
  };
  const tick = () => {
    current = round();
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
