// Degradation with the Mongo-wire server down: search and listing pages keep working (their data is
// PostgreSQL's; the sitter's profile shows as unavailable), and web cannot store notifications, so
// deliveries fail and the events wait in pets' outbox (retried with backoff, never parked within
// the outage); once the server is back they arrive, each once. Uses a FerretDB of its own so it can
// stop it.

import { randomBytes } from "node:crypto";
import http from "node:http";
import {
  createPrismaClient,
  listingPageRepository,
  outboxRepository,
  SearchParams,
  searchRepository,
} from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import { signServiceToken } from "@burrow/service-auth";
import { tempDir } from "@burrow/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { httpSender, startDispatcher } from "../apps/pets/src/server/outbox/dispatcher";
import { POST } from "../apps/web/src/app/api/internal/events/route";
import { disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { sitterProfile } from "../apps/web/src/server/mongo/sitter-profile";
import { freePort, launchMongoWire } from "../scripts/lib/services";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 4);
const sql = new pg.Client({ connectionString: url });
const mongoDir = tempDir("burrow-degradation-");
let mongoPort: number;
let stopMongo: () => Promise<void>;
let web: http.Server;
let webPort: number;

async function startMongo() {
  const started = await launchMongoWire({ dataDir: mongoDir, port: mongoPort, database: "degradation" });
  stopMongo = started.stop;
  return started.uri;
}

beforeAll(async () => {
  mongoPort = await freePort();
  vi.stubEnv("MONGODB_URI", await startMongo());
  vi.stubEnv("SERVICE_TOKEN_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("PETS_URL", "http://pets.test");
  await sql.connect();
  await cleanPostgres(sql);
  webPort = await freePort();
  web = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const response = await POST(
      new Request(`http://web.test${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body,
      }),
      {},
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => web.listen(webPort, "127.0.0.1", () => resolve()));
});
afterAll(async () => {
  await new Promise((resolve) => web.close(resolve));
  await disconnectMongo();
  await stopMongo();
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
  vi.unstubAllEnvs();
});

const count = async (where: string) =>
  Number((await sql.query(`SELECT count(*) FROM pets.outbox_events WHERE ${where}`)).rows[0].count);

describe("with the Mongo-wire server down", () => {
  it("still searches and shows listing pages; the sitter's profile is unavailable, not an error", async () => {
    const sitter = await db.user.create({ data: { email: "degraded-sitter@burrow.test", role: "SITTER" } });
    const listing = await db.listing.create({
      data: {
        sitterId: sitter.id,
        title: "Quiet flat by the river",
        description: "Dogs welcome.",
        city: "Hamburg",
        timeZone: "Europe/Berlin",
        nightlyPriceMinor: 3_900,
        currency: "EUR",
        species: ["DOG"],
        maxPets: 2,
      },
    });
    expect(await sitterProfile(sitter.id)).toEqual({ state: "none" });
    await stopMongo();
    try {
      const found = await searchRepository(db).search(SearchParams.parse({ city: "hamburg" }));
      expect(found.ok && found.items.map((i) => i.id)).toEqual([listing.id]);
      expect((await listingPageRepository(db).find(listing.id))?.listing.title).toBe("Quiet flat by the river");
      const started = Date.now();
      expect(await sitterProfile(sitter.id)).toEqual({ state: "unavailable" });
      // Bounded by the driver's server selection timeout, not hanging the page.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await startMongo();
    }
    await expect.poll(() => sitterProfile(sitter.id), { timeout: 30_000 }).toEqual({ state: "none" });
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
    await stopMongo();
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

    await startMongo();
    await expect.poll(() => count("delivered_at IS NULL"), { timeout: 60_000 }).toBe(0);
    await dispatcher.stop();
    expect(await Notification.countDocuments({ userId: "tenant-1", type: "booking.accepted" })).toBe(total);
  });
});
