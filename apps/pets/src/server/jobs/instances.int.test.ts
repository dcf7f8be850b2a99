// Two pets instances' background jobs against one database: each instance has its own connection
// pool, sweeper and outbox dispatcher (as startJobs wires them), all running at once over many due
// items. Every state change must be written once and every event delivered once: the receiver
// counts each delivery, duplicates included.
import http from "node:http";
import { bookingRepository, createPrismaClient, outboxRepository } from "@burrow/db";
import { DeliveryRequest } from "@burrow/events";
import { expectOk } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { expectOutboxDrained } from "@burrow/testing/harness";
import { freePort } from "@burrow/testing/services";
import { afterAll, expect, it } from "vitest";
import { httpSender, startDispatcher } from "../outbox/dispatcher";
import { startSweeper } from "./sweeper";

const { db, sql, url } = testDatabase(4);
const bookings = bookingRepository(db);

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
/** The UTC calendar date `n` days from today (the listings below are in UTC). */
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

const LAPSED = 60;
const ENDED = 30;
const STARTING = 15;

/** web's events endpoint: acknowledges every event and counts how often each arrived. */
function receiver(port: number) {
  const deliveries = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const { events } = DeliveryRequest.parse(JSON.parse(body));
      for (const e of events) deliveries.set(e.id, (deliveries.get(e.id) ?? 0) + 1);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ delivered: events.map((e) => e.id), failed: [] }));
    });
  });
  server.listen(port, "127.0.0.1");
  return { deliveries, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** One instance's jobs, each instance with a pool of its own. */
function instance(webEventsUrl: string) {
  const own = createPrismaClient(url, 4);
  const sweeper = startSweeper({ intervalSeconds: 1, db: own, log: () => {} });
  const dispatcher = startDispatcher({
    send: httpSender({ url: webEventsUrl, token: async () => "t", timeoutMs: 5_000 }),
    repository: outboxRepository(own),
    batchSize: 10,
    idleMs: 20,
  });
  return {
    async stop() {
      await Promise.all([sweeper.stop(), dispatcher.stop()]);
      await own.$disconnect();
    },
  };
}

async function scene() {
  const user = (role: "SITTER" | "TENANT", tag: string) =>
    db.user.create({ data: { email: `${tag}@instances.test`, name: tag, role } });
  const sitter = await user("SITTER", "sitter");
  const tenant = await user("TENANT", "tenant");
  const listing = (title: string) =>
    db.listing.create({
      data: {
        sitterId: sitter.id,
        title,
        description: "For the two-instance test",
        city: "Lisbon",
        timeZone: "UTC",
        nightlyPriceMinor: 3_000,
        currency: "EUR",
        species: ["CAT"],
        maxPets: 2,
      },
    });
  const request = (listingId: string, start: number, end: number, at: Date) =>
    bookings.request(tenant.id, { listingId, start: day(start), end: day(end), pets: 1 }, at);
  const flat = await listing("Shared flat");
  const ids = { lapsed: [] as string[], ended: [] as string[], starting: [] as string[] };
  // Requests that lapsed long ago (72 h after being made), one night each.
  for (let i = 0; i < LAPSED; i++) {
    ids.lapsed.push(expectOk(await request(flat.id, -(i + 5), -(i + 4), daysAgo(i + 100))).booking.id);
  }
  // Accepted stays that have ended, on nights no request above uses.
  for (let i = 0; i < ENDED; i++) {
    const start = -(i * 2 + 200);
    const { booking } = expectOk(await request(flat.id, start, start + 1, daysAgo(400)));
    expectOk(await bookings.accept(booking.id, sitter.id, daysAgo(400)));
    ids.ended.push(booking.id);
  }
  // Accepted stays starting tomorrow, each on its own listing: one "starts soon" reminder each.
  for (let i = 0; i < STARTING; i++) {
    const own = await listing(`Flat ${i}`);
    const { booking } = expectOk(await request(own.id, 1, 3, daysAgo(1)));
    expectOk(await bookings.accept(booking.id, sitter.id, daysAgo(1)));
    ids.starting.push(booking.id);
  }
  return ids;
}

const receivers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});

it("two instances' sweepers and dispatchers handle every due item exactly once", async () => {
  const ids = await scene();
  const port = await freePort();
  const web = receiver(port);
  receivers.push(web);
  const eventsUrl = `http://127.0.0.1:${port}/api/internal/events`;
  const instances = [instance(eventsUrl), instance(eventsUrl)];
  const statuses = async () =>
    (
      await sql.query<{ status: string; n: number }>(
        "SELECT status, count(*)::int AS n FROM pets.bookings GROUP BY status ORDER BY status::text",
      )
    ).rows;
  await expect.poll(statuses, { timeout: 30_000 }).toEqual([
    { status: "ACCEPTED", n: STARTING },
    { status: "COMPLETED", n: ENDED },
    { status: "EXPIRED", n: LAPSED },
  ]);
  await expect
    .poll(
      async () =>
        Number(
          (await sql.query("SELECT count(*) FROM pets.booking_reminders WHERE kind = 'booking.starts_soon'")).rows[0]
            .count,
        ),
      { timeout: 30_000 },
    )
    .toBe(STARTING);
  await expectOutboxDrained(db);
  // Two more sweeps of each instance find nothing left.
  await new Promise((r) => setTimeout(r, 2_500));
  await Promise.all(instances.map((i) => i.stop()));

  // Written once: one event per booking and transition.
  const written = await sql.query<{ type: string; aggregate_id: string; n: number }>(
    `SELECT type, aggregate_id, count(*)::int AS n FROM pets.outbox_events
      WHERE type IN ('booking.expired', 'booking.completed', 'booking.starts_soon')
      GROUP BY type, aggregate_id`,
  );
  const byType = (type: string) =>
    written.rows
      .filter((r) => r.type === type)
      .map((r) => r.aggregate_id)
      .sort();
  expect(byType("booking.expired")).toEqual([...ids.lapsed].sort());
  expect(byType("booking.completed")).toEqual([...ids.ended].sort());
  expect(byType("booking.starts_soon")).toEqual([...ids.starting].sort());
  expect(written.rows.filter((r) => r.n !== 1)).toEqual([]);

  // Delivered once: every event of the outbox (the scene's requests and accepts too) reached the
  // receiver, none twice.
  const all = (await sql.query<{ id: string }>("SELECT id::text AS id FROM pets.outbox_events")).rows.map((r) => r.id);
  expect(all.length).toBeGreaterThan(LAPSED + ENDED + STARTING);
  expect([...web.deliveries.keys()].sort()).toEqual([...all].sort());
  expect([...web.deliveries.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}, 120_000);
