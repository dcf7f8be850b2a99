// Delivery of outbox rows: at least once, in order per aggregate, by one dispatcher at a time.
// Each round is one transaction that takes a transaction-level advisory lock (so it also works
// through PgBouncer's transaction pooling), claims a batch, hands it to `send`, and records the
// outcome. A dispatcher that dies mid-send rolls back: the batch is sent again, and the consumer
// de-duplicates by event id.
import { type Db, prisma } from "../client";
import { Prisma } from "../generated/prisma/client";

/** The advisory lock of the dispatcher (the migration applier holds 72707369). */
export const OUTBOX_LOCK_KEY = 72707370;

export interface OutboxMessage {
  id: string;
  type: string;
  aggregateId: string;
  payload: unknown;
  createdAt: Date;
  /** Delivery attempts before this one. */
  attempts: number;
  /** W3C trace context of the span that wrote the event (null outside a trace). */
  traceparent: string | null;
  tracestate: string | null;
}

/** What the receiver answered for each event of a batch; events it did not mention failed. */
export interface SendOutcome {
  delivered: string[];
  failed: { id: string; error: string }[];
}

/** Sends one batch; throws when the whole batch failed (receiver down, timeout, 5xx). */
export type Send = (batch: OutboxMessage[]) => Promise<SendOutcome>;

export interface DeliverOptions {
  batchSize?: number;
  /** After this many failed attempts an event is parked: kept, visible, no longer retried. */
  maxAttempts?: number;
  /** Backoff after the n-th failure: min(baseDelayMs × 2^(n-1), maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long `send` may take; the round's transaction lives a little longer. */
  sendTimeoutMs?: number;
  now?: () => Date;
}

export interface RoundResult {
  /** False when another dispatcher holds the lock: this round did nothing. */
  locked: boolean;
  sent: number;
  delivered: number;
  failed: number;
  parked: number;
}

export interface OutboxStats {
  undelivered: number;
  parked: number;
  /** Age of the oldest undelivered, unparked event; null when the queue is empty. */
  oldestUndeliveredMs: number | null;
}

export interface ParkedEvent {
  id: string;
  type: string;
  aggregateId: string;
  attempts: number;
  lastError: string | null;
  parkedAt: Date;
}

const DEFAULTS = { batchSize: 50, maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, sendTimeoutMs: 10_000 };

export const backoffMs = (failures: number, base: number, max: number) => Math.min(base * 2 ** (failures - 1), max);

export function outboxRepository(db: Db = prisma) {
  return {
    /**
     * One delivery round. An event is due when it is undelivered, unparked, past its retry time,
     * and no earlier event of its aggregate is still waiting for a retry; the batch is in `seq`
     * order, so earlier events of an aggregate always travel before later ones.
     */
    async deliverDue(send: Send, options: DeliverOptions = {}): Promise<RoundResult> {
      const o = { ...DEFAULTS, ...options };
      const now = (options.now ?? (() => new Date()))();
      return db.$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
            SELECT pg_try_advisory_xact_lock(${OUTBOX_LOCK_KEY}::bigint) AS locked`;
          if (!lock?.locked) return { locked: false, sent: 0, delivered: 0, failed: 0, parked: 0 };
          const batch = await tx.$queryRaw<OutboxMessage[]>`
            SELECT e.id::text AS id, e.type, e.aggregate_id AS "aggregateId", e.payload,
                   e.created_at AS "createdAt", e.attempts, e.traceparent, e.tracestate
              FROM pets.outbox_events e
             WHERE e.delivered_at IS NULL AND e.parked_at IS NULL AND e.next_attempt_at <= ${now}
               AND NOT EXISTS (
                     SELECT 1 FROM pets.outbox_events w
                      WHERE w.aggregate_id = e.aggregate_id AND w.seq < e.seq
                        AND w.delivered_at IS NULL AND w.parked_at IS NULL AND w.next_attempt_at > ${now})
             ORDER BY e.seq
             LIMIT ${o.batchSize}`;
          if (batch.length === 0) return { locked: true, sent: 0, delivered: 0, failed: 0, parked: 0 };

          const outcome = await send(batch).catch(
            (error: unknown): SendOutcome => ({
              delivered: [],
              failed: batch.map((e) => ({ id: e.id, error: error instanceof Error ? error.message : String(error) })),
            }),
          );
          // Walk the batch in order: after an event of an aggregate fails, its later events are left
          // as they are (not delivered, no attempt counted) and wait behind it.
          const acknowledged = new Set(outcome.delivered);
          const errors = new Map(outcome.failed.map((f) => [f.id, f.error]));
          const stalled = new Set<string>();
          const delivered: string[] = [];
          const failed: (OutboxMessage & { error: string })[] = [];
          for (const e of batch) {
            if (stalled.has(e.aggregateId)) continue;
            if (acknowledged.has(e.id)) delivered.push(e.id);
            else {
              stalled.add(e.aggregateId);
              failed.push({ ...e, error: errors.get(e.id) ?? "the receiver did not acknowledge this event" });
            }
          }

          if (delivered.length > 0) {
            await tx.$executeRaw`
              UPDATE pets.outbox_events SET delivered_at = ${now}, attempts = attempts + 1, last_error = NULL
               WHERE id = ANY(${delivered}::uuid[])`;
          }
          let parked = 0;
          if (failed.length > 0) {
            const rows = failed.map((e) => {
              const failures = e.attempts + 1;
              const park = failures >= o.maxAttempts;
              if (park) parked++;
              return Prisma.sql`(${e.id}::uuid, ${e.error.slice(0, 2000)}, ${new Date(
                now.getTime() + backoffMs(failures, o.baseDelayMs, o.maxDelayMs),
              )}::timestamptz, ${park}::boolean)`;
            });
            await tx.$executeRaw`
              UPDATE pets.outbox_events e
                 SET attempts = e.attempts + 1, last_error = f.error, next_attempt_at = f.retry_at,
                     parked_at = CASE WHEN f.park THEN ${now}::timestamptz END
                FROM (VALUES ${Prisma.join(rows)}) AS f(id, error, retry_at, park)
               WHERE e.id = f.id`;
          }
          return { locked: true, sent: batch.length, delivered: delivered.length, failed: failed.length, parked };
        },
        { maxWait: 5_000, timeout: o.sendTimeoutMs + 5_000 },
      );
    },

    /** Queue health for readiness checks and operators. */
    async stats(now = new Date()): Promise<OutboxStats> {
      const [row] = await db.$queryRaw<{ undelivered: bigint; parked: bigint; oldest: Date | null }[]>`
        SELECT count(*) FILTER (WHERE delivered_at IS NULL AND parked_at IS NULL) AS undelivered,
               count(*) FILTER (WHERE parked_at IS NOT NULL AND delivered_at IS NULL) AS parked,
               min(created_at) FILTER (WHERE delivered_at IS NULL AND parked_at IS NULL) AS oldest
          FROM pets.outbox_events
         WHERE delivered_at IS NULL`;
      return {
        undelivered: Number(row?.undelivered ?? 0),
        parked: Number(row?.parked ?? 0),
        oldestUndeliveredMs: row?.oldest ? Math.max(0, now.getTime() - row.oldest.getTime()) : null,
      };
    },

    /** Parked events, newest first: what an operator looks at before retrying. */
    listParked(limit = 50): Promise<ParkedEvent[]> {
      return db.outboxEvent
        .findMany({
          where: { parkedAt: { not: null }, deliveredAt: null },
          orderBy: { seq: "desc" },
          take: limit,
          select: { id: true, type: true, aggregateId: true, attempts: true, lastError: true, parkedAt: true },
        })
        .then((rows) => rows.map((r) => ({ ...r, parkedAt: r.parkedAt as Date })));
    },

    /** Puts a parked event back in the queue with a fresh attempt budget. */
    async retryParked(id: string, now = new Date()): Promise<boolean> {
      const { count } = await db.outboxEvent.updateMany({
        where: { id, parkedAt: { not: null }, deliveredAt: null },
        data: { parkedAt: null, attempts: 0, nextAttemptAt: now, lastError: null },
      });
      return count === 1;
    },
  };
}
