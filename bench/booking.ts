// `pnpm bench:booking`: the accept path of @burrow/db's bookingRepository against PostgreSQL.
//   (a) 64-way contention on one listing, several rounds: exactly one winner per round (else exit 1),
//       and what the losers got.
//   (b) accept throughput on disjoint dates through the real repository vs a raw SQL INSERT of
//       accepted stays against the same exclusion constraint, in the same run, interleaved in
//       batches so machine noise hits both; prints both rates and their ratio (aim: ≥ 0.5).
//   (c) the same at 8 concurrent connections, each on its own listing: 8 workers accept (or insert)
//       side by side. A lock or hot row shared by all listings would show as a ratio far below (b)'s.
// Runs on a scratch database of DATABASE_URL's server, or on embedded PostgreSQL when it is unset.
// Exits non-zero only on a correctness failure (two winners, a thrown error, a lost row), never on speed.
import os from "node:os";
import { bookingRepository, createPrismaClient } from "@burrow/db";
import { deploy, repoMigrator } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { exitAfter, startEmbeddedPostgres } from "@burrow/testing/services";
import pg from "pg";

const CONTENTION_ROUNDS = 5;
const ACCEPTS = 48;
const REQUESTS = 64 - ACCEPTS;
const THROUGHPUT_ROWS = 2_000;
// Many small interleaved batches: on a shared machine a burst of load then hits both paths alike.
const BATCHES = 20;
const WARMUP = 100;
const WORKERS = 8;
const CONCURRENT_ROWS = 250; // per worker, per path
const CONCURRENT_BATCHES = 10;

const DAY_MS = 86_400_000;
const medianOf = (sorted: number[]) =>
  ((sorted[(sorted.length - 1) >> 1] ?? 0) + (sorted[sorted.length >> 1] ?? 0)) / 2;
const isoDay = (from: Date, n: number) => new Date(from.getTime() + n * DAY_MS).toISOString().slice(0, 10);

async function main(): Promise<number> {
  const server = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  const scratch = await createScratchDatabase(server, "bench_booking");
  const db = createPrismaClient(scratch.url, 70);
  const sql = new pg.Client({ connectionString: scratch.url });
  const rawPool = new pg.Pool({ connectionString: scratch.url, max: WORKERS });
  try {
    await deploy(repoMigrator(scratch.url));
    await sql.connect();
    const bookings = bookingRepository(db);
    const version = (await sql.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;

    const user = async (role: string, n: number) =>
      (
        await sql.query<{ id: string }>(
          `INSERT INTO identity.users (id, email, role, updated_at) VALUES ($1, $2, $3, now()) RETURNING id`,
          [`cbench${role.toLowerCase()}${String(n).padStart(12, "0")}`, `${role.toLowerCase()}${n}@bench.test`, role],
        )
      ).rows[0]?.id as string;
    const listing = async (sitterId: string, n: number) =>
      (
        await sql.query<{ id: string }>(
          `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency, species, max_pets, updated_at)
           VALUES ($1, $2, 'Bench flat', 'For the benchmark', 'Berlin', 'Europe/Berlin', 5000, 'EUR', '{DOG}', 5, now()) RETURNING id`,
          [`cbenchlisting${String(n).padStart(12, "0")}`, sitterId],
        )
      ).rows[0]?.id as string;
    const sitter = await user("SITTER", 1);
    const tenants: string[] = [];
    for (const n of [1, 2, 3, 4]) tenants.push(await user("TENANT", n));
    const tomorrow = new Date(Date.now() + DAY_MS);

    // ── (a) contention ────────────────────────────────────────────────────────────────────
    const contended = await listing(sitter, 1);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const winners: number[] = [];
    for (let round = 0; round < CONTENTION_ROUNDS; round++) {
      // Every stay of a round contains night 2 of its window: any two overlap.
      const input = (i: number) => ({
        listingId: contended,
        start: isoDay(tomorrow, 7 * round + (i % 3) + 1),
        end: isoDay(tomorrow, 7 * round + (i % 3) + 4),
        pets: 1,
      });
      const tenant = (i: number) => tenants[i % tenants.length] as string;
      const ids: string[] = [];
      for (let i = 0; i < ACCEPTS; i++) {
        const made = await bookings.request(tenant(i), input(i));
        if (!made.ok) throw new Error(`setup request failed: ${made.message}`);
        ids.push(made.booking.id);
      }
      const settled = await Promise.allSettled([
        ...ids.map((id) => bookings.accept(id, sitter).then((r) => ["accept", r] as const)),
        ...Array.from({ length: REQUESTS }, (_, i) =>
          bookings.request(tenant(i), input(i)).then((r) => ["request", r] as const),
        ),
      ]);
      let won = 0;
      for (const s of settled) {
        if (s.status === "rejected") {
          count("thrown (a 500)");
          continue;
        }
        const [kind, r] = s.value;
        if (kind === "accept" && r.ok) won++;
        count(r.ok ? `${kind}: ok` : `${kind}: ${r.code}`);
      }
      winners.push(won);
    }
    const { rows: byStatus } = await sql.query<{ status: string; n: number }>(
      "SELECT status::text, count(*)::int AS n FROM pets.bookings WHERE listing_id = $1 GROUP BY status",
      [contended],
    );
    const rowsOf = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
    const declined = rowsOf("DECLINED");
    // No row lost: every request made (setup + the racers that got through) is still there.
    const made = CONTENTION_ROUNDS * ACCEPTS + (outcomes.get("request: ok") ?? 0);
    const stored = byStatus.reduce((sum, r) => sum + r.n, 0);

    // ── (b) throughput on disjoint dates ─────────────────────────────────────────────────
    const total = WARMUP + THROUGHPUT_ROWS;
    const viaRepo = await listing(sitter, 2);
    const viaSql = await listing(sitter, 3);
    // Requests to accept, one night each on consecutive days (not timed).
    const { rows: requested } = await sql.query<{ id: string }>(
      `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
         total_price_minor, currency, cancellation_policy, expires_at, updated_at)
       SELECT 'cbenchreq' || lpad(n::text, 16, '0'), $1, $2, $3::date + n, $3::date + n + 1, 'REQUESTED', 1, 5000,
              5000, 'EUR', 'MODERATE', now() + interval '1 day', now()
         FROM generate_series(0, $4 - 1) n ORDER BY n RETURNING id`,
      [viaRepo, tenants[0], isoDay(tomorrow, 0), total],
    );
    // Statistics, as autovacuum keeps them on a live database: the 2,100 requests just arrived in one
    // statement, and without statistics the planner may guess (both paths alike) that a scan of
    // bookings_status_expires_at_idx finds the booking as cheaply as its primary key.
    await sql.query("ANALYZE pets.bookings");
    const insert = (n: number) =>
      sql.query(
        `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
           total_price_minor, currency, cancellation_policy, expires_at, updated_at)
         VALUES ($1, $2, $3, $4::date, $4::date + 1, 'ACCEPTED', 1, 5000, 5000, 'EUR', 'MODERATE', now(), now())`,
        [`cbenchraw${String(n).padStart(16, "0")}`, viaSql, tenants[0], isoDay(tomorrow, n)],
      );
    const accept = async (n: number) => {
      const r = await bookings.accept(requested[n]?.id as string, sitter);
      if (!r.ok) throw new Error(`accept ${n} failed: ${r.code} ${r.message}`);
    };
    const timed = async (from: number, to: number, op: (n: number) => Promise<unknown>) => {
      const started = performance.now();
      for (let n = from; n < to; n++) await op(n);
      return performance.now() - started;
    };
    await timed(0, WARMUP, insert);
    await timed(0, WARMUP, accept);
    let [rawMs, repoMs] = [0, 0];
    const batchRatios: number[] = [];
    const batch = THROUGHPUT_ROWS / BATCHES;
    for (let b = 0; b < BATCHES; b++) {
      const [from, to] = [WARMUP + b * batch, WARMUP + (b + 1) * batch];
      const [raw, repo] = [await timed(from, to, insert), await timed(from, to, accept)];
      rawMs += raw;
      repoMs += repo;
      batchRatios.push(raw / repo);
    }
    const rawRate = (THROUGHPUT_ROWS / rawMs) * 1000;
    const repoRate = (THROUGHPUT_ROWS / repoMs) * 1000;

    // ── (c) 8 connections, 8 listings ────────────────────────────────────────────────────
    const perWorker = CONCURRENT_ROWS + WARMUP / 10;
    const lanes: { repo: string; raw: string; ids: string[] }[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const [repo, raw] = [await listing(sitter, 10 + 2 * w), await listing(sitter, 11 + 2 * w)];
      const { rows } = await sql.query<{ id: string }>(
        `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
           total_price_minor, currency, cancellation_policy, expires_at, updated_at)
         SELECT 'cbenchc' || $5::int || 'r' || lpad(n::text, 12, '0'), $1, $2, $3::date + n, $3::date + n + 1, 'REQUESTED',
                1, 5000, 5000, 'EUR', 'MODERATE', now() + interval '1 day', now()
           FROM generate_series(0, $4 - 1) n ORDER BY n RETURNING id`,
        [repo, tenants[w % tenants.length], isoDay(tomorrow, 0), perWorker, w],
      );
      lanes.push({ repo, raw, ids: rows.map((r) => r.id) });
    }
    await sql.query("ANALYZE pets.bookings");
    const laneInsert = (w: number, n: number) =>
      rawPool.query(
        `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
           total_price_minor, currency, cancellation_policy, expires_at, updated_at)
         VALUES ($1, $2, $3, $4::date, $4::date + 1, 'ACCEPTED', 1, 5000, 5000, 'EUR', 'MODERATE', now(), now())`,
        [`cbenchc${w}raw${String(n).padStart(12, "0")}`, lanes[w]?.raw, tenants[0], isoDay(tomorrow, n)],
      );
    const laneAccept = async (w: number, n: number) => {
      const r = await bookings.accept(lanes[w]?.ids[n] as string, sitter);
      if (!r.ok) throw new Error(`lane ${w} accept ${n} failed: ${r.code} ${r.message}`);
    };
    // Every worker runs rows [from, to) of its own listing one after another; the workers run side by side.
    const side = async (from: number, to: number, op: (w: number, n: number) => Promise<unknown>) => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, w) => {
          for (let n = from; n < to; n++) await op(w, n);
        }),
      );
      return performance.now() - started;
    };
    await side(0, WARMUP / 10, laneInsert);
    await side(0, WARMUP / 10, laneAccept);
    let [cRawMs, cRepoMs] = [0, 0];
    const cBatchRatios: number[] = [];
    const cBatch = CONCURRENT_ROWS / CONCURRENT_BATCHES;
    for (let b = 0; b < CONCURRENT_BATCHES; b++) {
      const [from, to] = [WARMUP / 10 + b * cBatch, WARMUP / 10 + (b + 1) * cBatch];
      const [raw, repo] = [await side(from, to, laneInsert), await side(from, to, laneAccept)];
      cRawMs += raw;
      cRepoMs += repo;
      cBatchRatios.push(raw / repo);
    }
    const cRows = WORKERS * CONCURRENT_ROWS;
    const cRawRate = (cRows / cRawMs) * 1000;
    const cRepoRate = (cRows / cRepoMs) * 1000;
    const { rows: laneCounts } = await sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pets.bookings WHERE listing_id = ANY($1) AND status = 'ACCEPTED'",
      [lanes.map((l) => l.repo)],
    );
    const cAccepted = laneCounts[0]?.n ?? 0;
    const load = os.loadavg().map((l) => l.toFixed(1));

    const ok =
      cAccepted === WORKERS * perWorker &&
      winners.every((w) => w === 1) &&
      !outcomes.has("thrown (a 500)") &&
      stored === made &&
      rowsOf("ACCEPTED") === CONTENTION_ROUNDS;
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `\nbench:booking — PostgreSQL ${version}, ${os.availableParallelism()} cores, node ${process.version}, load average ${load.join(" ")}\n`,
    );
    console.log(
      `(a) contention: ${CONTENTION_ROUNDS} rounds × (${ACCEPTS} accepts + ${REQUESTS} requests) on one listing`,
    );
    console.log(
      `    winners per round: ${winners.join(" ")}  ${ok ? "(ok: exactly 1 each)" : "(FAIL: must be 1 each)"}`,
    );
    for (const [key, n] of [...outcomes].sort()) console.log(`    ${pad(key, 24)} ${n}`);
    console.log(`    declined by the winners: ${declined}`);
    console.log(
      `    rows on the listing: ${stored} of ${made} made, ${rowsOf("ACCEPTED")} accepted ${stored === made ? "(ok: none lost)" : "(FAIL: rows lost)"}`,
    );
    console.log(
      `\n(b) accepting stays on disjoint dates, ${THROUGHPUT_ROWS} each, one at a time, ${BATCHES} interleaved batches`,
    );
    console.log(`    ${pad("path", 46)} ${pad("rows/s", 10)} ms/row`);
    console.log(
      `    ${pad("raw SQL INSERT ... 'ACCEPTED' (pg, autocommit)", 46)} ${pad(rawRate.toFixed(0), 10)} ${(rawMs / THROUGHPUT_ROWS).toFixed(3)}`,
    );
    console.log(
      `    ${pad("bookingRepository.accept (pets.accept_booking)", 46)} ${pad(repoRate.toFixed(0), 10)} ${(repoMs / THROUGHPUT_ROWS).toFixed(3)}`,
    );
    const sorted = batchRatios.sort((a, b) => a - b);
    const median = medianOf(sorted);
    console.log(`    ratio repository / raw: ${(repoRate / rawRate).toFixed(2)} (aim ≥ 0.50)`);
    console.log(
      `    per batch of ${batch}: median ${median.toFixed(2)}, range ${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)}\n`,
    );
    console.log(
      `(c) ${WORKERS} connections side by side, each on its own listing, ${CONCURRENT_ROWS} rows each, ${CONCURRENT_BATCHES} interleaved batches`,
    );
    console.log(`    ${pad("path", 46)} ${pad("rows/s", 10)} ms/row per connection`);
    console.log(
      `    ${pad("raw SQL INSERT ... 'ACCEPTED' (pg pool of 8)", 46)} ${pad(cRawRate.toFixed(0), 10)} ${((cRawMs * WORKERS) / cRows).toFixed(3)}`,
    );
    console.log(
      `    ${pad("bookingRepository.accept (pets.accept_booking)", 46)} ${pad(cRepoRate.toFixed(0), 10)} ${((cRepoMs * WORKERS) / cRows).toFixed(3)}`,
    );
    const cSorted = cBatchRatios.sort((a, b) => a - b);
    console.log(`    ratio repository / raw: ${(cRepoRate / cRawRate).toFixed(2)} (aim ≥ 0.50)`);
    console.log(
      `    per batch of ${WORKERS} × ${cBatch}: median ${medianOf(cSorted).toFixed(2)}, range ${cSorted[0]?.toFixed(2)}–${cSorted.at(-1)?.toFixed(2)}`,
    );
    console.log(
      `    speed-up over one connection: raw ${(cRawRate / rawRate).toFixed(2)}×, repository ${(cRepoRate / repoRate).toFixed(2)}×`,
    );
    console.log(
      `    accepted on the ${WORKERS} listings: ${cAccepted} of ${WORKERS * perWorker} ${cAccepted === WORKERS * perWorker ? "(ok)" : "(FAIL)"}\n`,
    );
    console.log(
      JSON.stringify({
        bench: "booking",
        ok,
        cores: os.availableParallelism(),
        postgres: version,
        load: os.loadavg()[0],
        winners,
        raw_rows_s: Math.round(rawRate),
        repo_rows_s: Math.round(repoRate),
        ratio: Number((repoRate / rawRate).toFixed(3)),
        ratio_batch_median: Number(median.toFixed(3)),
        c8_raw_rows_s: Math.round(cRawRate),
        c8_repo_rows_s: Math.round(cRepoRate),
        c8_ratio: Number((cRepoRate / cRawRate).toFixed(3)),
        c8_ratio_batch_median: Number(medianOf(cSorted).toFixed(3)),
      }),
    );
    return ok ? 0 : 1;
  } finally {
    await sql.end().catch(() => {});
    await rawPool.end().catch(() => {});
    await db.$disconnect();
    await scratch.drop();
  }
}

exitAfter(main());
