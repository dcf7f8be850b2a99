import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { createPrismaClient } from "../client";
import { backoffMs, type OutboxMessage, outboxRepository, type Send } from "./dispatch";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 6);
const sql = new pg.Client({ connectionString: url });
const outbox = outboxRepository(db);

const NOW = new Date("2027-03-01T10:00:00Z");
const at = (ms: number) => () => new Date(NOW.getTime() + ms);

beforeAll(async () => {
  await sql.connect();
});
beforeEach(async () => {
  await cleanPostgres(sql);
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
});

/** Inserts events in this order (one statement each, so seq follows the list); returns their ids. */
async function enqueue(...aggregates: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, aggregate] of aggregates.entries()) {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO pets.outbox_events (type, aggregate_id, payload, created_at, next_attempt_at)
       VALUES ('booking.requested', $1, $2, $3, $3) RETURNING id`,
      [aggregate, JSON.stringify({ n: i }), NOW],
    );
    ids.push(rows[0]?.id as string);
  }
  return ids;
}

const row = async (id: string) =>
  (
    await sql.query<{
      delivered_at: Date | null;
      parked_at: Date | null;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date;
    }>("SELECT delivered_at, parked_at, attempts, last_error, next_attempt_at FROM pets.outbox_events WHERE id = $1", [
      id,
    ])
  ).rows[0];

/** A receiver that acknowledges everything and remembers every delivery, duplicates included. */
function receiver(fail: (e: OutboxMessage) => string | null = () => null) {
  const received: OutboxMessage[] = [];
  const send: Send = async (batch) => {
    const outcome = { delivered: [] as string[], failed: [] as { id: string; error: string }[] };
    for (const e of batch) {
      received.push(e);
      const error = fail(e);
      if (error) outcome.failed.push({ id: e.id, error });
      else outcome.delivered.push(e.id);
    }
    return outcome;
  };
  return { received, send };
}

describe("deliverDue", () => {
  it("sends due events in order, in batches, once", async () => {
    const ids = await enqueue("a", "b", "a", "c", "b");
    const r = receiver();
    const first = await outbox.deliverDue(r.send, { batchSize: 3, now: at(0) });
    expect(first).toEqual({ locked: true, sent: 3, delivered: 3, failed: 0, parked: 0 });
    const second = await outbox.deliverDue(r.send, { batchSize: 3, now: at(0) });
    expect(second.sent).toBe(2);
    expect((await outbox.deliverDue(r.send, { now: at(0) })).sent).toBe(0);
    expect(r.received.map((e) => e.id)).toEqual(ids);
    expect(r.received[0]?.payload).toEqual({ n: 0 });
    for (const id of ids) expect((await row(id))?.delivered_at).toEqual(NOW);
    expect(await outbox.stats(NOW)).toEqual({ undelivered: 0, parked: 0, oldestUndeliveredMs: null });
  });

  it("backs off exponentially after failures and parks an event after the last attempt", async () => {
    const [id] = await enqueue("a");
    const r = receiver(() => "consumer said no");
    const opts = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };
    expect((await outbox.deliverDue(r.send, { ...opts, now: at(0) })).failed).toBe(1);
    expect(await row(id as string)).toMatchObject({ attempts: 1, last_error: "consumer said no", parked_at: null });
    expect((await row(id as string))?.next_attempt_at).toEqual(at(1_000)());
    // Not due before its retry time.
    expect((await outbox.deliverDue(r.send, { ...opts, now: at(999) })).sent).toBe(0);
    expect((await outbox.deliverDue(r.send, { ...opts, now: at(1_000) })).failed).toBe(1);
    expect((await row(id as string))?.next_attempt_at).toEqual(at(1_000 + 2_000)());
    const last = await outbox.deliverDue(r.send, { ...opts, now: at(3_000) });
    expect(last).toMatchObject({ failed: 1, parked: 1 });
    expect((await row(id as string))?.parked_at).toEqual(at(3_000)());
    // Parked: visible, counted, never sent again until an operator retries it.
    expect((await outbox.deliverDue(r.send, { ...opts, now: at(10_000_000) })).sent).toBe(0);
    expect(await outbox.stats(at(3_000)())).toMatchObject({ undelivered: 0, parked: 1 });
    expect(await outbox.listParked()).toEqual([
      expect.objectContaining({ id, attempts: 3, lastError: "consumer said no" }),
    ]);
    expect(await outbox.retryParked(id as string, at(4_000)())).toBe(true);
    const ok = receiver();
    expect((await outbox.deliverDue(ok.send, { ...opts, now: at(4_000) })).delivered).toBe(1);
    expect(backoffMs(20, 1_000, 60_000)).toBe(60_000);
  });

  it("keeps an aggregate's order: later events wait behind a failed one", async () => {
    const [a1, b1, a2] = await enqueue("a", "b", "a");
    const r = receiver((e) => (e.id === a1 ? "temporarily broken" : null));
    const round = await outbox.deliverDue(r.send, { baseDelayMs: 1_000, now: at(0) });
    // b1 delivered; a2 was acknowledged by the receiver but a1 before it failed, so it waits.
    expect(round).toMatchObject({ sent: 3, delivered: 1, failed: 1 });
    expect((await row(b1 as string))?.delivered_at).not.toBeNull();
    expect(await row(a2 as string)).toMatchObject({ delivered_at: null, attempts: 0, last_error: null });
    // While a1 waits for its retry, a2 is not due either.
    expect((await outbox.deliverDue(receiver().send, { now: at(500) })).sent).toBe(0);
    const later = receiver();
    await outbox.deliverDue(later.send, { now: at(1_000) });
    expect(later.received.map((e) => e.id)).toEqual([a1, a2]);
  });

  it("treats a thrown send (receiver down) as a failure of the whole batch", async () => {
    const ids = await enqueue("a", "b");
    const round = await outbox.deliverDue(
      async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:3000");
      },
      { now: at(0) },
    );
    expect(round).toMatchObject({ sent: 2, delivered: 0, failed: 2 });
    for (const id of ids) expect((await row(id))?.last_error).toBe("connect ECONNREFUSED 127.0.0.1:3000");
    expect((await outbox.stats(at(5_000)())).oldestUndeliveredMs).toBe(5_000);
  });

  it("sends again what a dispatcher that died mid-send had claimed (at least once)", async () => {
    const ids = await enqueue("a", "b", "c");
    const r = receiver();
    // The dispatcher's connection dies after the receiver got the batch, before the commit.
    const dying: Send = async (batch) => {
      const outcome = await r.send(batch);
      await sql.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707370 AND pid <> pg_backend_pid()",
      );
      return outcome;
    };
    await expect(outbox.deliverDue(dying, { now: at(0) })).rejects.toThrow();
    expect((await outbox.stats(NOW)).undelivered).toBe(3);
    await outbox.deliverDue(r.send, { now: at(0) });
    expect(r.received.map((e) => e.id)).toEqual([...ids, ...ids]);
    expect((await outbox.stats(NOW)).undelivered).toBe(0);
  });

  it("lets only one dispatcher deliver at a time: two loops never send an event twice", async () => {
    const ids = await enqueue(...Array.from({ length: 120 }, (_, i) => `agg-${i % 7}`));
    const r = receiver();
    const slowSend: Send = async (batch) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return r.send(batch);
    };
    let skipped = 0;
    const loop = async () => {
      for (let i = 0; i < 200; i++) {
        const round = await outbox.deliverDue(slowSend, { batchSize: 10, now: at(0) });
        if (!round.locked) skipped++;
        if (round.locked && round.sent === 0) return;
      }
    };
    await Promise.all([loop(), loop()]);
    expect(r.received).toHaveLength(ids.length);
    expect(new Set(r.received.map((e) => e.id)).size).toBe(ids.length);
    expect(skipped).toBeGreaterThan(0);
  });
});
