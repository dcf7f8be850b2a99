// The apps' database access through PgBouncer in transaction pooling mode (Debian's package, started
// here in front of the test's PostgreSQL): repositories, interactive transactions and the 64-way
// booking race work through it; session state (SET, session advisory locks) does not survive it,
// which is why the migration applier connects directly.

import { expectOk, factories, listingInput } from "@burrow/testing";
import { type RunningPgbouncer, startPgbouncer } from "@burrow/testing/pgbouncer";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingRepository } from "./bookings/repository";
import { cleanPostgres } from "./clean";
import { createPrismaClient, type Db } from "./client";
import { listingRepository } from "./listings/repository";
import { listingVisibilityRepository } from "./listings/visibility";
import { userRepository } from "./users/repository";

const directUrl = process.env.DATABASE_URL as string;
const database = new URL(directUrl).pathname.slice(1);
// What one app instance gets: a small server pool behind many client connections.
const SERVER_POOL = 5;
const CLIENT_POOL = 40;
const NOW = new Date("2027-01-10T12:00:00Z");

let bouncer: RunningPgbouncer;
let db: Db;
const sql = new pg.Client({ connectionString: directUrl });

/** SHOW POOLS / SHOW CONFIG rows from PgBouncer's admin console (simple protocol only). */
async function admin<T>(command: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: bouncer.adminUrl });
  await client.connect();
  try {
    return (await client.query(command)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  bouncer = await startPgbouncer({ serverUrl: directUrl, poolSize: SERVER_POOL });
  db = createPrismaClient(bouncer.url(database), CLIENT_POOL);
  await sql.connect();
  await cleanPostgres(sql);
}, 180_000);
afterAll(async () => {
  await db?.$disconnect();
  await cleanPostgres(sql);
  await sql.end();
  await bouncer?.stop();
});

describe("through PgBouncer (transaction pooling)", () => {
  it("runs in transaction mode with a small server pool", async () => {
    const config = await admin<{ key: string; value: string }>("SHOW CONFIG");
    const setting = (key: string) => config.find((row) => row.key === key)?.value;
    expect([setting("pool_mode"), setting("default_pool_size")]).toEqual(["transaction", String(SERVER_POOL)]);
  });

  it("serves the repositories' reads and writes, interactive transactions included", async () => {
    const make = factories(db);
    const sitter = await make.user("SITTER");
    const tenant = await make.user("TENANT");
    const adminUser = await make.user("ADMIN");
    const { listing } = expectOk(
      await listingRepository(db).create(sitter.id, listingInput({ description: "Through the pooler." })),
    );
    expect((await listingRepository(db).listActive({ city: "Leipzig" })).map((l) => l.id)).toEqual([listing.id]);
    expect(await userRepository(db).findById(tenant.id)).toMatchObject({ id: tenant.id, role: "TENANT" });

    // request and accept are interactive transactions (row locks, outbox rows) in the repository.
    const bookings = bookingRepository(db);
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
        NOW,
      ),
    );
    expect(expectOk(await bookings.accept(booking.id, sitter.id, NOW)).booking.status).toBe("ACCEPTED");
    expect(expectOk(await listingVisibilityRepository(db).hide(listing.id, adminUser.id, NOW)).changed).toBe(true);
    const events = await sql.query("SELECT type FROM pets.outbox_events WHERE aggregate_id IN ($1, $2) ORDER BY type", [
      booking.id,
      listing.id,
    ]);
    expect(events.rows.map((r) => r.type)).toEqual(["booking.accepted", "booking.requested", "listing.hidden"]);
  });

  it("keeps an interactive transaction on one server connection until it commits or rolls back", async () => {
    const make = factories(db);
    const sitter = await make.user("SITTER");
    // Rolled back: a write, a read of it inside the transaction, then an error.
    await expect(
      db.$transaction(async (tx) => {
        await tx.listing.create({ data: { ...listingData(sitter.id), title: "Never committed" } });
        expect(await tx.listing.count({ where: { title: "Never committed" } })).toBe(1);
        const pid = async () => (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]?.pid;
        const first = await pid();
        await Promise.all(Array.from({ length: 10 }, () => db.$queryRaw`SELECT pg_sleep(0.01)::text`));
        expect(first).toEqual(expect.any(Number));
        expect(await pid()).toBe(first);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.listing.count({ where: { title: "Never committed" } })).toBe(0);
  });

  it("gives the 64-way booking race exactly one winner, round after round", async () => {
    const make = factories(db);
    const bookings = bookingRepository(db);
    const ROUNDS = 3;
    const ACCEPTS = 48;
    const REQUESTS = 64 - ACCEPTS;
    const sitter = await make.user("SITTER");
    const listing = await make.listing(sitter.id, { maxPets: 5 });
    const tenants = await Promise.all([1, 2, 3, 4].map(() => make.user("TENANT")));
    for (let round = 0; round < ROUNDS; round++) {
      const base = new Date(Date.UTC(2027, 2, 1 + 6 * round));
      const day = (n: number) => new Date(base.getTime() + n * 86_400_000).toISOString().slice(0, 10);
      const input = (i: number) => ({ listingId: listing.id, start: day(i % 3), end: day(3 + (i % 3)), pets: 1 });
      const tenantOf = (i: number) => (tenants[i % tenants.length] as { id: string }).id;
      const requested: string[] = [];
      for (let i = 0; i < ACCEPTS; i++)
        requested.push(expectOk(await bookings.request(tenantOf(i), input(i), NOW)).booking.id);

      const settled = await Promise.allSettled([
        ...requested.map((id) => bookings.accept(id, sitter.id, NOW).then((r) => ({ kind: "accept" as const, r }))),
        ...Array.from({ length: REQUESTS }, (_, i) =>
          bookings.request(tenantOf(i), input(i), NOW).then((r) => ({ kind: "request" as const, r })),
        ),
      ]);
      expect(
        settled.filter((s) => s.status === "rejected"),
        `round ${round}: nothing throws`,
      ).toEqual([]);
      const results = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      const accepts = results.filter((x) => x.kind === "accept").map((x) => x.r);
      const requests = results.filter((x) => x.kind === "request").map((x) => x.r);
      expect(
        accepts.filter((r) => r.ok),
        `round ${round}: one winner`,
      ).toHaveLength(1);
      expect(accepts.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(ACCEPTS - 1).fill("CONFLICT"));
      expect(requests.every((r) => r.ok || r.code === "CONFLICT")).toBe(true);
      const made = requests.filter((r) => r.ok).length;
      const rows = await sql.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM pets.bookings
          WHERE listing_id = $1 AND start_date >= $2 AND start_date < $3 GROUP BY status ORDER BY status`,
        [listing.id, day(0), day(6)],
      );
      expect(rows.rows).toEqual([
        { status: "ACCEPTED", n: 1 },
        { status: "DECLINED", n: ACCEPTS + made - 1 },
      ]);
    }
    // 40 client connections were multiplexed onto at most SERVER_POOL server connections.
    const pools = await admin<{ database: string; sv_active: string; sv_idle: string; sv_used: string }>("SHOW POOLS");
    const pool = pools.find((p) => p.database === database);
    expect(Number(pool?.sv_active) + Number(pool?.sv_idle) + Number(pool?.sv_used)).toBeLessThanOrEqual(SERVER_POOL);
    const backends = await sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    expect(backends.rows[0]?.n).toBeLessThanOrEqual(SERVER_POOL);
  }, 120_000);
});

describe("what transaction pooling breaks (one server connection, two clients)", () => {
  let single: RunningPgbouncer;
  const clients: pg.Client[] = [];
  const client = async () => {
    const c = new pg.Client({ connectionString: single.url(database) });
    await c.connect();
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    single = await startPgbouncer({ serverUrl: directUrl, poolSize: 1 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await single?.stop();
  });

  it("a SET outside a transaction leaks to the next client of that server connection", async () => {
    const [a, b] = [await client(), await client()];
    await a.query("SET search_path TO pets");
    expect((await b.query("SHOW search_path")).rows[0].search_path).toBe("pets");
    await b.query("RESET search_path");
  });

  it("a session advisory lock stays on the server connection: another client 'takes' it too", async () => {
    const [a, b] = [await client(), await client()];
    expect((await a.query("SELECT pg_try_advisory_lock(72707369) AS locked")).rows[0].locked).toBe(true);
    // Mutual exclusion is gone: b runs on the session that holds a's lock, so b gets it as well.
    expect((await b.query("SELECT pg_try_advisory_lock(72707369) AS locked")).rows[0].locked).toBe(true);
    await b.query("SELECT pg_advisory_unlock_all()");
  });
});

function listingData(sitterId: string) {
  return {
    sitterId,
    title: "t",
    description: "d",
    city: "Berlin",
    timeZone: "Europe/Berlin",
    nightlyPriceMinor: 1_000,
    currency: "EUR",
    species: ["DOG" as const],
    maxPets: 1,
  };
}
