// Degradation with the Mongo-wire server down: search and listing pages keep working (their data is
// PostgreSQL's; the sitter's profile shows as unavailable), and web cannot store notifications, so
// deliveries fail and the events wait in pets' outbox (retried with backoff, never parked within
// the outage); once the server is back they arrive, each once. Uses a FerretDB of its own so it can
// stop it.

import { listingPageRepository, outboxRepository, SearchParams, searchRepository } from "@burrow/db";
import { signServiceToken } from "@burrow/service-auth";
import { crashableServer, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { restartableMongoWire, stubAppEnv } from "@burrow/testing/harness";
import { freePort } from "@burrow/testing/services";
import { webDocuments } from "@burrow/testing/web-documents";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { httpSender, startDispatcher } from "../apps/pets/src/server/outbox/dispatcher";
import { POST } from "../apps/web/src/app/api/internal/events/route";
import { disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { sitterProfile } from "../apps/web/src/server/mongo/sitter-profile";

const { db, sql } = testDatabase(4);
const mongo = restartableMongoWire("degradation");
let mongoUri: string;
let web: ReturnType<typeof crashableServer>;
let webPort: number;

beforeAll(async () => {
  mongoUri = await mongo.start();
  stubAppEnv({ MONGODB_URI: mongoUri, PETS_URL: "http://pets.test" });
  webPort = await freePort();
  web = crashableServer(webPort, { handle: (request) => POST(request, {}) });
  await web.start();
});
afterAll(async () => {
  await web.stop();
  await disconnectMongo();
  await mongo.stop();
  vi.unstubAllEnvs();
});

const count = async (where: string) =>
  Number((await sql.query(`SELECT count(*) FROM pets.outbox_events WHERE ${where}`)).rows[0].count);

describe("with the Mongo-wire server down", () => {
  it("still searches and shows listing pages; the sitter's profile is unavailable, not an error", async () => {
    const make = factories(db);
    const sitter = await make.user("SITTER");
    const listing = await make.listing(sitter.id, { title: "Quiet flat by the river", city: "Hamburg" });
    const client = await MongoClient.connect(mongoUri);
    await webDocuments(client.db()).profile(sitter);
    await client.close();
    const stored = { state: "found", bio: expect.stringContaining("looked after"), avatar: null, avatarUrl: null };
    expect(await sitterProfile(sitter.id)).toEqual(stored);
    await mongo.stop();
    try {
      const found = await searchRepository(db).search(SearchParams.parse({ city: "hamburg" }));
      expect(found.ok && found.items.map((i) => i.id)).toEqual([listing.id]);
      expect((await listingPageRepository(db).find(listing.id))?.listing.title).toBe("Quiet flat by the river");
      const started = Date.now();
      expect(await sitterProfile(sitter.id)).toEqual({ state: "unavailable" });
      // Bounded by the driver's server selection timeout, not hanging the page.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await mongo.start();
    }
    // Back with its data: the same profile, not an empty store.
    await expect.poll(() => sitterProfile(sitter.id), { timeout: 30_000 }).toEqual(stored);
  });

  it("keeps events in the outbox and delivers them once it is back", async () => {
    const total = 30;
    await sql.query(
      `INSERT INTO pets.outbox_events (type, aggregate_id, payload)
       SELECT 'booking.accepted', 'b' || n, jsonb_build_object('bookingId', 'b' || n, 'listingId', 'l1',
                'tenantId', 'tenant-1', 'sitterId', 'sitter-1', 'status', 'ACCEPTED',
                'start', '2027-02-01', 'end', '2027-02-04')
         FROM generate_series(1, $1) n`,
      [total],
    );
    await mongo.stop();
    const dispatcher = startDispatcher({
      send: httpSender({
        url: `http://127.0.0.1:${webPort}/api/internal/events`,
        token: () => signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 }),
        timeoutMs: 10_000,
      }),
      repository: outboxRepository(db),
      batchSize: 10,
      idleMs: 100,
      baseDelayMs: 200,
      maxDelayMs: 1_000,
      maxAttempts: 100,
    });
    // Deliveries fail while Mongo is down: attempts are counted, nothing is lost or parked.
    await expect.poll(() => count("attempts > 0"), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await count("delivered_at IS NULL")).toBe(total);
    expect(await count("parked_at IS NOT NULL")).toBe(0);
    expect(await count("last_error IS NOT NULL")).toBeGreaterThan(0);

    await mongo.start();
    await expect.poll(() => count("delivered_at IS NULL"), { timeout: 60_000 }).toBe(0);
    await dispatcher.stop();
    expect(await Notification.countDocuments({ userId: "tenant-1", type: "booking.accepted" })).toBe(total);
  });
});
