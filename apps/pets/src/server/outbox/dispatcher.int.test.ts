import http from "node:http";
import type { AddressInfo } from "node:net";
import { outboxRepository } from "@burrow/db";
import { DeliveryRequest } from "@burrow/events";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { httpSender, startDispatcher } from "./dispatcher";

const _url = process.env.DATABASE_URL as string;
const { db, sql } = testDatabase(4);

/**
 * A stand-in for web's events endpoint on a fixed port. On its `crashOnBatch`-th batch it processes
 * the events and dies before answering, like a web process killed mid-request.
 */
function receiver(port: number, { crashOnBatch }: { crashOnBatch: number }) {
  const received: string[] = [];
  const processed = new Set<string>();
  let server: http.Server | null = null;
  let batches = 0;
  let crash: () => void = () => {};
  const crashed = new Promise<void>((resolve) => {
    crash = resolve;
  });
  const start = () =>
    new Promise<void>((resolve) => {
      server = http.createServer(async (req, res) => {
        let body = "";
        for await (const chunk of req) body += chunk;
        const { events } = DeliveryRequest.parse(JSON.parse(body));
        for (const e of events) {
          received.push(e.id);
          processed.add(e.id);
        }
        if (++batches === crashOnBatch) {
          await kill();
          crash();
          return;
        }
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ delivered: events.map((e) => e.id), failed: [] }));
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const kill = () =>
    new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
    });
  return { received, processed, start, kill, crashed };
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe("the outbox dispatcher over HTTP", () => {
  it("delivers every event at least once across a receiver crash mid-batch", async () => {
    const total = 200;
    await sql.query(
      `INSERT INTO pets.outbox_events (type, aggregate_id, payload)
       SELECT 'booking.requested', 'agg-' || (n % 17), jsonb_build_object('n', n) FROM generate_series(1, $1) n`,
      [total],
    );
    const port = await freePort();
    const web = receiver(port, { crashOnBatch: 3 });
    await web.start();
    const lines: string[] = [];
    const dispatcher = startDispatcher({
      send: httpSender({
        url: `http://127.0.0.1:${port}/api/internal/events`,
        token: async () => "t",
        timeoutMs: 2_000,
      }),
      repository: outboxRepository(db),
      batchSize: 25,
      idleMs: 50,
      baseDelayMs: 100,
      maxDelayMs: 200,
      log: (line) => lines.push(line),
    });
    // The receiver dies mid-batch; it stays down a moment (rounds fail), then comes back.
    await web.crashed;
    await new Promise((r) => setTimeout(r, 400));
    await web.start();

    const undelivered = async () =>
      Number((await sql.query("SELECT count(*) FROM pets.outbox_events WHERE delivered_at IS NULL")).rows[0].count);
    await expect.poll(undelivered, { timeout: 30_000 }).toBe(0);
    await dispatcher.stop();
    await web.kill();

    const duplicates = web.received.length - web.processed.size;
    console.log(
      `[outbox] sent ${web.received.length}, delivered ${web.processed.size} distinct, duplicates ${duplicates}`,
    );
    expect(web.processed.size).toBe(total);
    // The batch whose acknowledgement was lost came again: at least once, not exactly once.
    expect(duplicates).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes("failed"))).toBe(true);
    expect(
      Number((await sql.query("SELECT count(*) FROM pets.outbox_events WHERE parked_at IS NOT NULL")).rows[0].count),
    ).toBe(0);
  });
});
