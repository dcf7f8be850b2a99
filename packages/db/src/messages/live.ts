// Live updates: one LISTEN connection per process hears every committed message (the
// messages_notify trigger's NOTIFY) and wakes the subscribers of that thread, each of which then
// reads what it has not sent yet. LISTEN holds a session, so this connection goes straight to
// PostgreSQL (DATABASE_DIRECT_URL), never through PgBouncer's transaction pooling.
import { log as logger } from "@burrow/observability/log";
import pg from "pg";
import { z } from "zod";
import { parseDbEnv } from "../env";

export const MESSAGES_CHANNEL = "pets_messages";

const Notification = z.object({ conversationId: z.string(), id: z.string() });

type Wake = () => void;

export class MessageListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Map<string, Set<Wake>>();
  private retryMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly log: (line: string) => void = (line) => logger.warn({ component: "message-listener" }, line),
  ) {}

  /**
   * Calls `wake` after each message committed to the thread, and once more whenever the connection
   * (re)starts listening, since messages committed while it was not would otherwise go unheard.
   * Returns the unsubscribe function.
   */
  subscribe(conversationId: string, wake: Wake): () => void {
    const set = this.subscribers.get(conversationId) ?? new Set<Wake>();
    this.subscribers.set(conversationId, set);
    set.add(wake);
    void this.listening().catch(() => {});
    return () => {
      set.delete(wake);
      if (set.size === 0) this.subscribers.delete(conversationId);
    };
  }

  /** Resolves once the connection listens (connecting if needed); rejects if this attempt fails. */
  listening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) throw new Error("the message listener is closed");
    const client = new pg.Client({ connectionString: this.url, application_name: "burrow-message-listener" });
    client.on("notification", (message) => this.dispatch(message.payload));
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.log(`[messages] listener connection lost (${why}); reconnecting`);
      void client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", (error) => lost(error.message));
    client.on("end", () => lost("closed"));
    try {
      await client.connect();
      await client.query(`LISTEN ${MESSAGES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      this.scheduleReconnect();
      throw error;
    }
    this.client = client;
    this.retryMs = 0;
    // Catch up: a subscriber may have read before this connection listened.
    for (const set of this.subscribers.values()) for (const wake of set) wake();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer || this.subscribers.size === 0) return;
    this.retryMs = Math.min(Math.max(this.retryMs * 2, 250), 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.listening().catch((error: Error) => this.log(`[messages] listener reconnect failed: ${error.message}`));
    }, this.retryMs);
  }

  private dispatch(payload: string | undefined): void {
    let parsed: z.infer<typeof Notification>;
    try {
      parsed = Notification.parse(JSON.parse(payload ?? ""));
    } catch {
      return;
    }
    for (const wake of this.subscribers.get(parsed.conversationId) ?? []) wake();
  }
}

// One listener per process; in development it survives hot reloads on globalThis.
const globalForListener = globalThis as unknown as { burrowMessageListener?: MessageListener };

/** The process-wide listener, on DATABASE_DIRECT_URL (DATABASE_URL when that is unset). */
export function messageListener(): MessageListener {
  if (!globalForListener.burrowMessageListener) {
    const env = parseDbEnv();
    globalForListener.burrowMessageListener = new MessageListener(env.DATABASE_DIRECT_URL ?? env.DATABASE_URL);
  }
  return globalForListener.burrowMessageListener;
}
