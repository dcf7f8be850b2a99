// A deploy's SIGTERM under load: two instances of web's production build behind HAProxy
// (@burrow/testing/instances) take steady search traffic (autocannon) while pets' real outbox
// dispatcher posts a steady stream of events to web's events route through the same proxy. One
// instance gets SIGTERM mid-run: readiness turns 503, the proxy's probe takes it out of rotation,
// in-flight requests finish, and it exits 0 within SHUTDOWN_GRACE_SECONDS. Not one request may fail
// and every event must arrive exactly once. Builds web first when it has no production build.
import { outboxRepository } from "@burrow/db";
import { signServiceToken } from "@burrow/service-auth";
import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { expectOutboxDrained, stubAppEnv } from "@burrow/testing/harness";
import { type AppInstances, buildIfMissing, startInstances } from "@burrow/testing/instances";
import { type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { freePort } from "@burrow/testing/services";
import autocannon from "autocannon";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { httpSender, startDispatcher } from "../apps/pets/src/server/outbox/dispatcher";
import { connectMongo, disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { ProcessedEvent } from "../apps/web/src/server/mongo/processed-event";

const { db, sql, url } = testDatabase(4);
const GRACE_SECONDS = 20;
const DRAIN_SECONDS = 3;
const LOAD_SECONDS = 16;
const SIGTERM_AFTER_MS = 5_000;

let web: AppInstances | undefined;
let catcher: MailCatcher;

beforeAll(async () => {
  buildIfMissing("web");
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, PETS_URL: "http://localhost:3001" });
  await connectMongo();
  await Promise.all([Notification.deleteMany({}), ProcessedEvent.deleteMany({})]);
  const sitter = await factories(db).user("SITTER");
  for (let i = 0; i < 12; i++) await factories(db).listing(sitter.id, { city: "Lisbon", title: `Lisbon flat ${i}` });
  const port = await freePort();
  web = await startInstances({
    app: "web",
    count: 2,
    port,
    stdio: "pipe",
    checkIntervalMs: 500,
    env: {
      DATABASE_URL: url,
      WEB_URL: `http://localhost:${port}`,
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
      LOG_LEVEL: "warn",
    },
  });
}, 900_000);

afterAll(async () => {
  await web?.stop();
  await disconnectMongo();
  await catcher?.stop();
  vi.unstubAllEnvs();
});

it("SIGTERM to one of two instances under load: no failed request, exit 0 in time, every event once", async () => {
  const cluster = web as AppInstances;
  const [victim, survivor] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];

  // Events keep arriving in the outbox all along: 2 every 100 ms (web handles a few dozen a second
  // on FerretDB while it serves the load), for parties without accounts (nobody is e-mailed: the
  // test is about delivery).
  const dispatcherLog: string[] = [];
  let enqueued = 0;
  const inserts: Promise<unknown>[] = [];
  const producer = setInterval(() => {
    const from = enqueued;
    enqueued += 2;
    inserts.push(
      sql.query(
        `INSERT INTO pets.outbox_events (type, aggregate_id, payload)
       SELECT 'booking.requested', 'b' || n, jsonb_build_object('bookingId', 'b' || n, 'listingId', 'l1',
                'tenantId', 'tenant-1', 'sitterId', 'sitter-1', 'status', 'REQUESTED', 'start', '2027-02-01', 'end', '2027-02-04')
         FROM generate_series($1::int + 1, $1::int + 2) n`,
        [from],
      ),
    );
  }, 100);
  const dispatcher = startDispatcher({
    send: httpSender({
      url: `${cluster.url}/api/internal/events`,
      token: () => signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 }),
      timeoutMs: 10_000,
    }),
    repository: outboxRepository(db),
    batchSize: 10,
    idleMs: 50,
    log: (line) => dispatcherLog.push(line),
  });

  const statuses = new Map<number, number>();
  const load = new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      { url: `${cluster.url}/listings?city=Lisbon`, connections: 8, duration: LOAD_SECONDS },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    run.on("response", (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  });
  await new Promise((r) => setTimeout(r, SIGTERM_AFTER_MS));
  const signalled = Date.now();
  process.kill(victim.pid, "SIGTERM");
  const exit = victim.exited.then((code) => ({ code, ms: Date.now() - signalled }));
  // How long the proxy's probe takes to take it out of rotation (null: not within 10 s).
  const outOfRotation = (async () => {
    while (Date.now() - signalled < 10_000) {
      const state = (await cluster.proxy.servers()).find((s) => s.port === victim.port)?.status ?? "";
      if (/^(DOWN|MAINT)/.test(state)) return Date.now() - signalled;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  })();
  const result = await load;
  clearInterval(producer);
  await Promise.all(inserts);
  const downAfterMs = await outOfRotation;
  const { code, ms } = await exit;

  await expectOutboxDrained(db);
  await dispatcher.stop();
  const attempts = await sql.query<{ attempts: number; n: number }>(
    "SELECT attempts, count(*)::int AS n FROM pets.outbox_events GROUP BY attempts ORDER BY attempts",
  );
  const notifications = await Notification.countDocuments({ type: "booking.requested" });
  console.log(
    `[sigterm] ${result.requests.total} requests (${result.requests.average} req/s, p99 ${result.latency.p99} ms), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${result.errors} errors, ${result.timeouts} timeouts; dispatcher said ${JSON.stringify(dispatcherLog)}; victim out of rotation after ${downAfterMs} ms, exited ${code} ${ms} ms after SIGTERM; ${enqueued} events, attempts ${JSON.stringify(attempts.rows)}, ${notifications} notifications`,
  );

  // Not one failed request.
  expect(result.errors + result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(result.requests.total).toBeGreaterThan(100);
  // The probe took the signalled instance out while it still served (the drain), it exited cleanly
  // in time, and the other one is still in rotation.
  expect(downAfterMs).not.toBeNull();
  expect(downAfterMs).toBeLessThan(DRAIN_SECONDS * 1_000);
  expect(code).toBe(0);
  expect(ms).toBeLessThan(GRACE_SECONDS * 1_000);
  expect(victim.output()).toContain("burrow-next-start: SIGTERM: draining");
  expect((await cluster.proxy.servers()).find((s) => s.port === survivor.port)?.status).toBe("UP");
  // Every event delivered once, on its first attempt, and handled once.
  expect(attempts.rows).toEqual([{ attempts: 1, n: enqueued }]);
  expect(notifications).toBe(enqueued);
  expect(await ProcessedEvent.countDocuments({})).toBe(enqueued);
}, 120_000);
