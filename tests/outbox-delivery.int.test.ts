// Both sides of event delivery, for real: pets' dispatcher reads the outbox in PostgreSQL and posts
// batches over HTTP to web's events route (its real handler, served by node:http so the test can
// kill it mid-batch), which writes notifications to the Mongo-wire server and sends e-mail to the
// mail catcher (tests/booking-emails.int.test.ts covers the e-mails themselves).

import { bookingRepository, outboxRepository } from "@burrow/db";
import { DeliveryRequest } from "@burrow/events";
import { signServiceToken } from "@burrow/service-auth";
import { crashableServer, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { expectOutboxDrained, stubAppEnv } from "@burrow/testing/harness";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { freePort } from "@burrow/testing/services";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { httpSender, startDispatcher } from "../apps/pets/src/server/outbox/dispatcher";
import { POST } from "../apps/web/src/app/api/internal/events/route";
import { connectMongo, disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { ProcessedEvent } from "../apps/web/src/server/mongo/processed-event";

const { db, sql } = testDatabase(6);

/** pets' real dispatcher delivering this database's outbox to web's events endpoint on `port`. */
const dispatchTo = (port: number, tuning: Partial<Parameters<typeof startDispatcher>[0]> = {}) =>
  startDispatcher({
    send: httpSender({
      url: `http://127.0.0.1:${port}/api/internal/events`,
      token: () => signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 }),
      timeoutMs: 5_000,
    }),
    repository: outboxRepository(db),
    idleMs: 50,
    ...tuning,
  });
const PETS_URL = "http://localhost:3001";
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, PETS_URL });
  await connectMongo();
  await Notification.init();
  await Promise.all([Notification.deleteMany({}), ProcessedEvent.deleteMany({})]);
});
afterAll(async () => {
  await disconnectMongo();
  await catcher.stop();
  vi.unstubAllEnvs();
});

/** Web's events route on a port; on its `crashOnBatch`-th request it handles the batch and dies unanswered. */
function webServer(port: number, crashOnBatch: number) {
  const received: string[] = [];
  const server = crashableServer(port, {
    crashOnRequest: crashOnBatch,
    handle: async (request) => {
      received.push(...DeliveryRequest.parse(await request.clone().json()).events.map((e) => e.id));
      return POST(request, {});
    },
  });
  return { ...server, received };
}

describe("outbox delivery from pets to web", () => {
  it("delivers every event across a web crash mid-batch, with exactly one notification each", async () => {
    // Parties without accounts: nobody is e-mailed, so the test is about delivery alone.
    const [sitter, tenant] = [{ id: "sitter-1" }, { id: "tenant-1" }];
    // 60 bookings × (requested, then accepted or declined): ordered pairs per aggregate.
    const total = 120;
    await sql.query(
      `INSERT INTO pets.outbox_events (type, aggregate_id, payload)
       SELECT t.type, 'b' || n, jsonb_build_object('bookingId', 'b' || n, 'listingId', 'l1', 'tenantId', $2::text,
                'sitterId', $1::text, 'status', 'REQUESTED', 'start', '2027-02-01', 'end', '2027-02-04')
         FROM generate_series(1, 60) n
        CROSS JOIN LATERAL (VALUES (1, 'booking.requested'),
                                   (2, CASE WHEN n % 2 = 0 THEN 'booking.accepted' ELSE 'booking.declined' END)) t(k, type)
        ORDER BY n, t.k`,
      [sitter.id, tenant.id],
    );
    const port = await freePort();
    const web = webServer(port, 3);
    await web.start();
    const dispatcher = dispatchTo(port, { batchSize: 20, baseDelayMs: 100, maxDelayMs: 200 });
    await web.comeBack(500); // web is down meanwhile: rounds fail and back off
    await expectOutboxDrained(db);
    await dispatcher.stop();
    await web.stop();

    const sent = web.received.length;
    const distinct = new Set(web.received).size;
    const notifications = await Notification.countDocuments({});
    console.log(
      `[outbox] sent ${sent}, delivered ${distinct} distinct, duplicates ${sent - distinct}, notifications ${notifications}`,
    );
    expect(distinct).toBe(total);
    expect(sent - distinct).toBeGreaterThan(0); // the crashed batch came again
    expect(notifications).toBe(total); // one per event: each of these notifies someone
    expect(await Notification.countDocuments({ userId: sitter.id, type: "booking.requested" })).toBe(60);
    expect(await Notification.countDocuments({ userId: tenant.id, type: "booking.accepted" })).toBe(30);
    expect(await ProcessedEvent.countDocuments({})).toBe(total);
  });

  it("tells the tenant, with the reason, when the sitter cancels an accepted stay, and not the sitter", async () => {
    const sitter = await db.user.create({ data: { email: "cancelling-sitter@burrow.test", role: "SITTER" } });
    const tenant = await db.user.create({ data: { email: "cancelled-tenant@burrow.test" } });
    const listing = await factories(db).listing(sitter.id, { nightlyPriceMinor: 4_000, cancellationPolicy: "STRICT" });
    const bookings = bookingRepository(db);
    const now = new Date("2027-01-10T12:00:00Z");
    const requested = await bookings.request(
      tenant.id,
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
      now,
    );
    if (!requested.ok) throw new Error(requested.message);
    const bookingId = requested.booking.id;
    expect((await bookings.accept(bookingId, sitter.id, now)).ok).toBe(true);
    const reason = "My van broke down <b>and</b> I cannot host.";
    expect((await bookings.sitterCancel(sitter.id, { bookingId, reason }, now)).ok).toBe(true);

    const port = await freePort();
    const web = webServer(port, 0);
    await web.start();
    const dispatcher = dispatchTo(port);
    const undelivered = async () =>
      Number(
        (
          await sql.query("SELECT count(*) FROM pets.outbox_events WHERE aggregate_id = $1 AND delivered_at IS NULL", [
            bookingId,
          ])
        ).rows[0].count,
      );
    await expect.poll(undelivered, { timeout: 30_000 }).toBe(0);
    await dispatcher.stop();
    await web.stop();

    const cancelled = await Notification.find({ type: "booking.cancelled" }).lean();
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({
      userId: tenant.id,
      title: "The sitter cancelled your stay",
      body: `The sitter cancelled your stay 2027-02-01 to 2027-02-03 and you get a full refund. Their reason: ${reason}`,
      link: `${PETS_URL}/stays/${bookingId}`,
    });
    const mail = (await (await fetch(`${catcher.inboxUrl}/messages?to=${tenant.email}`)).json()) as CaughtMessage[];
    expect(mail.filter((m) => m.subject === "The sitter cancelled your stay")).toHaveLength(1);
  });

  it("answers 401 without a token and 400 for a malformed batch", async () => {
    const bare = await POST(new Request("http://web.test/api/internal/events", { method: "POST", body: "{}" }), {});
    expect(bare.status).toBe(401);
    const token = await signServiceToken({ issuer: "pets", audience: "web" });
    const bad = await POST(
      new Request("http://web.test/api/internal/events", {
        method: "POST",
        headers: { "x-service-token": token },
        body: JSON.stringify({ events: [{ id: "not-a-uuid" }] }),
      }),
      {},
    );
    expect(bad.status).toBe(400);
  });
});
