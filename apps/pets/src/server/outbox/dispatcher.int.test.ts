import { outboxRepository } from "@burrow/db";
import { DeliveryRequest } from "@burrow/events";
import { crashableServer } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { expectOutboxDrained } from "@burrow/testing/harness";
import { freePort } from "@burrow/testing/services";
import { describe, expect, it } from "vitest";
import { httpSender, startDispatcher } from "./dispatcher";

const { db, sql } = testDatabase(4);

/** A stand-in for web's events endpoint that dies unanswered on its `crashOnBatch`-th batch. */
function receiver(port: number, { crashOnBatch }: { crashOnBatch: number }) {
  const received: string[] = [];
  const processed = new Set<string>();
  const server = crashableServer(port, {
    crashOnRequest: crashOnBatch,
    handle: async (request) => {
      const { events } = DeliveryRequest.parse(await request.json());
      for (const e of events) {
        received.push(e.id);
        processed.add(e.id);
      }
      return Response.json({ delivered: events.map((e) => e.id), failed: [] });
    },
  });
  return { ...server, received, processed };
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
    await web.comeBack(400);
    await expectOutboxDrained(db);
    await dispatcher.stop();
    await web.stop();

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
