// ReplicaSet against a real physical streaming standby of an embedded PostgreSQL 18 primary (made with
// the low-level backup API, @burrow/testing/replica): read-your-writes by WAL position, a primary
// given as a replica refused, a replica a moment behind after a quiet spell not skipped (lag is how long
// ago the primary passed the replayed position, not the last replayed commit's age), replay paused →
// skipped with its lag reported, replica stopped under
// load → every read answered by the primary, replica back → used again.
import { launchReplica, type Replica } from "@burrow/testing/replica";
import { launchEmbeddedPostgres } from "@burrow/testing/services";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { currentLsn, ReplicaSet } from "./replica-set";

let primary: Awaited<ReturnType<typeof launchEmbeddedPostgres>>;
let replica: Replica;
let primaryPool: pg.Pool;
let set: ReplicaSet;
const logs: string[] = [];

/** Probes until `done` holds (the probe is what the app runs every second). */
async function probeUntil(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await set.probe();
    if (done()) return;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(set.status())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Which server answered: the replica is in recovery, the primary is not. */
const onReplica = async (minLsn?: string | null) =>
  (await set.read<{ r: boolean }>({ text: "SELECT pg_is_in_recovery() AS r" }, minLsn)).rows[0]?.r;

beforeAll(async () => {
  primary = await launchEmbeddedPostgres({ database: "replicas" });
  primaryPool = new pg.Pool({ connectionString: primary.url, max: 4 });
  await primaryPool.query("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
  replica = await launchReplica(primary.url, primary.dataDir);
  set = new ReplicaSet({ primary: primaryPool, urls: [replica.url], maxLagSeconds: 1, log: (l) => logs.push(l) });
  await set.verify();
  await probeUntil(() => set.status()[0]?.usable === true);
}, 120_000);

afterAll(async () => {
  await set?.close();
  await primaryPool?.end();
  await replica?.remove();
  await primary?.stop();
});

it("streams from the primary and refuses writes", async () => {
  const direct = new pg.Client({ connectionString: replica.url });
  await direct.connect();
  try {
    await expect(direct.query("INSERT INTO notes VALUES (0, 'x')")).rejects.toThrow(/read-only transaction/);
    const { rows } = await primaryPool.query<{ state: string }>("SELECT state FROM pg_stat_replication");
    expect(rows.map((r) => r.state)).toEqual(["streaming"]);
  } finally {
    await direct.end();
  }
});

it("a session that just wrote reads from the primary until the replica has replayed its write", async () => {
  await primaryPool.query("INSERT INTO notes VALUES (1, 'edited')");
  const lsn = await currentLsn(primaryPool);
  // The last probe came before the write: the replica is not known to have it, so the primary answers.
  expect(set.pick(lsn)).toBeNull();
  expect(await onReplica(lsn)).toBe(false);
  // Anyone else (no LSN) may read the replica meanwhile.
  expect(await onReplica(null)).toBe(true);
  await probeUntil(() => set.pick(lsn) !== null);
  expect(await onReplica(lsn)).toBe(true);
  const { rows } = await set.read<{ body: string }>({ text: "SELECT body FROM notes WHERE id = $1", values: [1] }, lsn);
  expect(rows).toEqual([{ body: "edited" }]);
});

it("a replica a moment behind the first write after a quiet spell longer than the lag limit is not skipped", async () => {
  // A replayed commit, then quiet for longer than maxLagSeconds (1 s), probed as the app does.
  await primaryPool.query("INSERT INTO notes VALUES (9, 'before a quiet spell')");
  const before = await currentLsn(primaryPool);
  await probeUntil(() => set.pick(before) !== null && set.status()[0]?.lagSeconds === 0);
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 400));
    await set.probe();
  }
  const admin = new pg.Client({ connectionString: replica.url });
  await admin.connect();
  const logged = logs.length;
  try {
    // Replay held, so the probes below see the replica received the new write but not replayed it: the
    // last replayed commit is then older than the limit, yet the replica is only a moment behind.
    await admin.query("SELECT pg_wal_replay_pause()");
    await primaryPool.query("INSERT INTO notes VALUES (10, 'after a quiet spell')");
    await expect
      .poll(
        async () =>
          (
            await admin.query<{ behind: boolean }>(
              "SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn() AS behind",
            )
          ).rows[0]?.behind,
        { timeout: 10_000, interval: 50 },
      )
      .toBe(true);
    for (let i = 0; i < 5; i++) {
      await set.probe();
      const [status] = set.status();
      expect(status?.usable).toBe(true);
      expect(status?.lagSeconds).toBeLessThan(1);
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query("SELECT pg_wal_replay_resume()");
    await probeUntil(() => set.status()[0]?.lagSeconds === 0);
    expect(set.status()[0]?.usable).toBe(true);
    expect(logs.slice(logged)).toEqual([]);
  } finally {
    await admin.query("SELECT pg_wal_replay_resume()").catch(() => {});
    await admin.end();
  }
});

it("refuses a primary given as a replica, naming DATABASE_REPLICA_URLS", async () => {
  const wrong = new ReplicaSet({ primary: primaryPool, urls: [primary.url], maxLagSeconds: 1, log: () => {} });
  try {
    await expect(wrong.verify()).rejects.toThrow(/DATABASE_REPLICA_URLS: 127\.0\.0\.1:\d+ is not a replica/);
  } finally {
    await wrong.close();
  }
});

it("skips a replica whose replay is paused past the lag limit, reports the lag, and uses it again once resumed", async () => {
  const admin = new pg.Client({ connectionString: replica.url });
  await admin.connect();
  try {
    await admin.query("SELECT pg_wal_replay_pause()");
    await primaryPool.query("INSERT INTO notes VALUES (2, 'while paused')");
    await new Promise((r) => setTimeout(r, 1_500));
    await primaryPool.query("INSERT INTO notes VALUES (3, 'still paused')");
    await probeUntil(() => set.status()[0]?.usable === false);
    const [status] = set.status();
    expect(status?.reason).toMatch(/^lagging [\d.]+ s \(> 1 s\)$/);
    expect(status?.lagSeconds).toBeGreaterThan(1);
    expect(set.pick()).toBeNull();
    expect(await onReplica()).toBe(false);
    await admin.query("SELECT pg_wal_replay_resume()");
    await probeUntil(() => set.status()[0]?.usable === true);
    expect(await onReplica()).toBe(true);
  } finally {
    await admin.query("SELECT pg_wal_replay_resume()").catch(() => {});
    await admin.end();
  }
});

it("keeps answering from the primary while the replica is stopped mid-load, and uses it again once back", async () => {
  let stopped = false;
  const answers = { replica: 0, primary: 0, failed: 0 };
  const load = (async () => {
    while (!stopped) {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          try {
            (await onReplica()) ? answers.replica++ : answers.primary++;
          } catch {
            answers.failed++;
          }
        }),
      );
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  await replica.stop();
  await probeUntil(() => set.status()[0]?.reason?.startsWith("down") === true);
  await new Promise((r) => setTimeout(r, 300));
  stopped = true;
  await load;
  expect(answers.failed).toBe(0);
  expect(answers.replica).toBeGreaterThan(0);
  expect(answers.primary).toBeGreaterThan(0);
  expect(logs.some((l) => /skipped: down/.test(l))).toBe(true);

  await replica.start();
  await probeUntil(() => set.status()[0]?.usable === true, 30_000);
  expect(await onReplica()).toBe(true);
});

it("skips a replica that left recovery, and a standby on another timeline, each with a logged reason", async () => {
  // A second standby (`replica` stays as it is); promoting it makes a server on timeline 2 that is no
  // longer a replica of anything, and a standby made from it follows timeline 2, not the primary's 1.
  const promoted = await launchReplica(primary.url, primary.dataDir);
  let follower: Replica | null = null;
  const seen: string[] = [];
  const diverged = new ReplicaSet({
    primary: primaryPool,
    urls: [promoted.url],
    maxLagSeconds: 10,
    log: (l) => seen.push(l),
  });
  try {
    await diverged.verify();
    for (let i = 0; i < 100 && !diverged.status()[0]?.usable; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await diverged.probe();
    }
    expect(diverged.status()[0]?.usable).toBe(true);

    const admin = new pg.Client({ connectionString: promoted.url });
    await admin.connect();
    await admin.query("SELECT pg_promote(true, 60)");
    await admin.end();
    await diverged.probe();
    expect(diverged.status()[0]).toMatchObject({ usable: false, reason: "not in recovery (promoted?)" });
    expect(seen.at(-1)).toMatch(/: skipped: not in recovery \(promoted\?\)$/);
    expect(diverged.pick()).toBeNull();

    follower = await launchReplica(promoted.url, promoted.dataDir);
    const other = new ReplicaSet({
      primary: primaryPool,
      urls: [follower.url],
      maxLagSeconds: 10,
      log: (l) => seen.push(l),
    });
    try {
      // It is a replica (in recovery), so start-up does not refuse it; the probe skips it.
      await other.verify();
      expect(other.status()[0]).toMatchObject({ usable: false, reason: "timeline 2 diverged from the primary's 1" });
      expect(seen.at(-1)).toMatch(/: skipped: timeline 2 diverged from the primary's 1$/);
      const read = await other.read<{ r: boolean }>({ text: "SELECT pg_is_in_recovery() AS r" });
      expect(read.rows[0]?.r).toBe(false);
    } finally {
      await other.close();
    }
  } finally {
    await diverged.close();
    await follower?.remove();
    await promoted.remove();
  }
});
