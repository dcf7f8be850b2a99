// A thread's server-sent event stream: every message after `after`, then each new one as the
// process' LISTEN connection hears of it. Each event's id is the message id, so a browser that
// reconnects sends it back as Last-Event-ID and the stream resumes exactly after it.

import type { MessageView } from "@burrow/db";
import { log as logger } from "@burrow/observability/log";
import { liveMessage } from "@/lib/live-message";

interface StreamOptions {
  conversationId: string;
  /** The last message id the client has. */
  after: bigint;
  /** Messages of the thread after an id, oldest first, at most `batch` of them. */
  read: (conversationId: string, after: bigint, batch: number) => Promise<MessageView[]>;
  subscribe: (conversationId: string, wake: () => void) => () => void;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

const BATCH = 100;
/** How long the browser waits before reconnecting after the stream ends or fails. */
const RETRY_MS = 2_000;

export function messageStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const {
    conversationId,
    read,
    subscribe,
    signal,
    heartbeatMs = 25_000,
    log = (line) => logger.warn({ component: "message-stream" }, line),
  } = options;
  const encoder = new TextEncoder();
  let last = options.after;
  let closed = false;
  let reading = Promise.resolve();
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  let close = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      // Reads run one after another, so events go out in id order and never twice.
      const drain = async () => {
        for (;;) {
          if (closed) return;
          const batch = await read(conversationId, last, BATCH);
          for (const message of batch) {
            send(`id: ${message.id}\ndata: ${JSON.stringify(liveMessage(message))}\n\n`);
            last = BigInt(message.id);
          }
          if (batch.length < BATCH) return;
        }
      };
      const wake = () => {
        reading = reading.then(drain).catch((error: Error) => {
          // The browser reconnects from the last id it got.
          log(`[messages] live stream of ${conversationId} failed: ${error.message}`);
          close();
        });
      };
      if (signal.aborted) return close();
      signal.addEventListener("abort", close);
      send(`retry: ${RETRY_MS}\n\n`);
      // Subscribe before the first read: a message committed in between wakes it again.
      unsubscribe = subscribe(conversationId, wake);
      wake();
      // A comment line now and then keeps proxies from closing an idle stream.
      heartbeat = setInterval(() => send(": keep-alive\n\n"), heartbeatMs);
    },
    cancel() {
      close();
    },
  });
}
