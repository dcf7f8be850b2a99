// `pnpm bench:search`: the public listing search (@burrow/db's searchRepository) on 100k listings
// and 1M bookings. In one run, on the same 200 random realistic searches:
//   - the real repository (on its Prisma client's node-postgres pool, as in the app),
//   - the same SQL statement raw through `pg`,
//   - a sequential-scan baseline (index, index-only and bitmap scans off),
// with p50/p95/p99, their ratios, and which indexes the plans use. Each search runs once before the
// two timed paths (that first run, printed as its own row, reads the pages into shared buffers), so
// neither path is charged for finding them cold. Each path's timings are also shown as each search's
// median of three runs (passes over all searches), which sheds the machine's one-off hiccups. Runs on
// a scratch database of DATABASE_URL's server, or on embedded PostgreSQL when it is unset. Exits
// non-zero only on a correctness failure (the paths return different listings), never on speed.
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import {
  cityPrices,
  createPrismaClient,
  type Db,
  listingSearchQuery,
  SearchParams,
  searchRepository,
} from "@burrow/db";
import { deploy, repoMigrator } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { exitAfter, startEmbeddedPostgres } from "@burrow/testing/services";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

const LISTINGS = 100_000;
const BOOKINGS_PER_LISTING = 10; // 1M bookings
const BLOCKS = 20_000;
const USERS = 1_000;
const CHUNK_MIN = 1_000;
const SEARCHES = 200;
const WARMUP = 20;
const SLOT_DAYS = 14; // each listing's stays sit in disjoint 14-day slots, so accepted ones never overlap

const CITIES = [
  "Berlin",
  "Lisbon",
  "New York",
  "Tokyo",
  "Sydney",
  "Paris",
  "Madrid",
  "Rome",
  "Vienna",
  "Prague",
  "Amsterdam",
  "Dublin",
  "Oslo",
  "Stockholm",
  "Helsinki",
  "Warsaw",
  "Budapest",
  "Athens",
  "Zurich",
  "Munich",
  "Hamburg",
  "Cologne",
  "Porto",
  "Seville",
  "Milan",
  ...Array.from({ length: 75 }, (_, i) => `Town ${i + 1}`),
];
// Cities outside the euro area price in their own currency, at roughly the euro prices' value: yen and
// forints have no minor unit (CLDR), so their minor amounts are ~100× bigger than a euro price's.
const LOCAL_MONEY: Record<string, { currency: string; perEuro: number }> = {
  "New York": { currency: "USD", perEuro: 1.1 },
  Tokyo: { currency: "JPY", perEuro: 160 },
  Sydney: { currency: "AUD", perEuro: 1.65 },
  Prague: { currency: "CZK", perEuro: 25 },
  Oslo: { currency: "NOK", perEuro: 11.5 },
  Stockholm: { currency: "SEK", perEuro: 11.3 },
  Warsaw: { currency: "PLN", perEuro: 4.3 },
  Budapest: { currency: "HUF", perEuro: 400 },
  Zurich: { currency: "CHF", perEuro: 0.95 },
};
const money = (city: string | undefined) => (city && LOCAL_MONEY[city]) || { currency: "EUR", perEuro: 1 };
const WORDS = ["garden", "cosy", "quiet", "river", "park", "balcony", "walks", "cats", "farm", "loft"];
const SPECIES = ["DOG", "CAT", "BIRD", "RABBIT", "RODENT", "REPTILE"];
const SORTS = ["price", "newest", "rating"];

const DAY_MS = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const isoDay = (n: number) => new Date(today.getTime() + n * DAY_MS).toISOString().slice(0, 10);

/**
 * A seeded generator of floats in [0, 1) (pure-rand's xoroshiro128+), so every run builds the same data
 * and times the same searches. Not a 31-bit LCG: consecutive draws fill one row's columns, and an LCG's
 * consecutive values lie on a lattice, which tied ratings, species and pets together (in 1M listings,
 * one with {CAT,RABBIT,RODENT} for 5 pets rated above 4.5, where independent columns give ~2,300).
 */
function seeded(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

const random = seeded(42);
const pick = <T>(list: readonly T[], from = random): T => list[Math.floor(from() * list.length)] as T;
const chance = (p: number) => random() < p;

/** A query string as the search form sends it: mostly a city and dates, often pets, sometimes the rest. */
function randomSearch(): Record<string, string | string[]> {
  const q: Record<string, string | string[]> = { sort: pick(SORTS) };
  if (chance(0.9)) q.city = pick(CITIES.slice(0, 40));
  if (chance(0.85)) {
    const start = 1 + Math.floor(random() * 90);
    q.start = isoDay(start);
    q.end = isoDay(start + 1 + Math.floor(random() * 10));
  }
  if (chance(0.6)) q.pets = String(1 + Math.floor(random() * 3));
  if (chance(0.4)) q.species = [pick(SPECIES.slice(0, 3))];
  if (chance(0.5)) {
    // In the city's currency, as its visitors would type them.
    const { perEuro } = money(q.city as string | undefined);
    const min = random() * 80;
    q.minPrice = String(Math.floor(min * perEuro));
    q.maxPrice = String(Math.floor((min + 20 + random() * 150) * perEuro));
  }
  if (chance(0.2)) q.q = pick(WORDS);
  return q;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};
const fmt = (n: number) => n.toFixed(2).padStart(9);
const round = (n: number) => Number(n.toFixed(3));
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

const SPECIES_SETS = ["{DOG}", "{CAT}", "{DOG,CAT}", "{BIRD,REPTILE}", "{CAT,RABBIT,RODENT}", "{DOG,CAT,RABBIT}"];
const ROWS_PER_WRITE = 5_000;

/** Streams rows (COPY's text format, tab-separated, \N for NULL) into `table` with COPY … FROM STDIN. */
async function copyRows(
  sql: pg.Client,
  table: string,
  columns: string[],
  total: number,
  row: (n: number) => string,
  progress: (done: number) => void,
): Promise<void> {
  const every = Math.max(ROWS_PER_WRITE, Math.ceil(total / 10 / ROWS_PER_WRITE) * ROWS_PER_WRITE);
  async function* lines() {
    for (let from = 0; from < total; from += ROWS_PER_WRITE) {
      let text = "";
      for (let n = from; n < Math.min(total, from + ROWS_PER_WRITE); n++) text += `${row(n)}\n`;
      yield text;
      const done = Math.min(total, from + ROWS_PER_WRITE);
      if (done % every === 0 || done === total) progress(done);
    }
  }
  await pipeline(
    Readable.from(lines()),
    sql.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`)),
  );
}

/**
 * Fills an empty, migrated database: `listings` listings over 100 cities (~90 % listed, priced in
 * ten currencies), 10 stays each in disjoint slots around today (half accepted or completed), a block
 * per 5 listings, then VACUUM ANALYZE. Rows stream in with COPY; the three tables' secondary indexes,
 * exclusion constraint and foreign keys are dropped first and built once at the end (as a bulk load
 * does: building an index at once is several times cheaper than maintaining it row by row).
 * bench/ssr.ts uses it too.
 */
export async function generate(sql: pg.Client, listings = LISTINGS): Promise<void> {
  const started = performance.now();
  const progress = (what: string) => (done: number, total?: number) =>
    console.log(
      `  ${what}: ${done.toLocaleString("en")}${total === undefined ? "" : ` / ${total.toLocaleString("en")}`}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  // Embedded test clusters run with synchronous_commit=off. Until an asynchronous commit reaches the
  // disk, tuples cannot be hinted as committed, so VACUUM leaves their pages out of the visibility map:
  // every index-only probe of the stays then read the heap, unlike on any table autovacuum has seen.
  await sql.query("SET synchronous_commit = on");
  await sql.query("SET maintenance_work_mem = '256MB'");
  const tables = ["listings", "bookings", "availability_blocks"];
  const { rows: constraints } = await sql.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype IN ('f', 'x') AND c.conrelid = ANY (SELECT ('pets.' || t)::regclass FROM unnest($1::text[]) t)`,
    [tables],
  );
  const { rows: indexes } = await sql.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ANY (SELECT ('pets.' || t)::regclass FROM unnest($1::text[]) t)
        AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const c of constraints) await sql.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await sql.query(`DROP INDEX ${i.name}`);

  await sql.query(
    `INSERT INTO identity.users (id, email, role, updated_at)
     SELECT 'cu' || lpad(g::text, 10, '0'), 'user' || g || '@bench.test', 'SITTER', now() FROM generate_series(0, $1 - 1) g`,
    [USERS],
  );
  const { rows: units } = await sql.query<{ currency: string; micros: string }>(
    "SELECT c AS currency, pets.price_micros(1, c)::text AS micros FROM unnest($1::text[]) c",
    [[...new Set(CITIES.map((city) => money(city).currency))]],
  );
  const microsPerMinor = new Map(units.map((u) => [u.currency, Number(u.micros)]));
  // Its own generator, so the searches stay the same whatever the data's size.
  const rnd = seeded(4242);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  await copyRows(
    sql,
    "pets.listings",
    [
      "id",
      "sitter_id",
      "title",
      "description",
      "city",
      "time_zone",
      "nightly_price_minor",
      "currency",
      "species",
      "max_pets",
      "status",
      "hidden_at",
      "weekdays",
      "rating_count",
      "rating_avg",
      "created_at",
      "updated_at",
    ],
    listings,
    (g) => {
      const city = CITIES[Math.floor(rnd() * CITIES.length)] as string;
      const { currency, perEuro } = money(city);
      const [w1, w2] = [pick(WORDS, rnd), pick(WORDS, rnd)];
      // 10 to 210 euros in the city's currency and minor units.
      const price = Math.floor(((1000 + rnd() * 20000) * perEuro * 10000) / (microsPerMinor.get(currency) ?? 10000));
      const [status, hidden, weekdays] = [rnd(), rnd(), rnd()];
      const ratingCount = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 50);
      const ratingAvg = ratingCount > 0 ? (1 + rnd() * 4).toFixed(2) : "\\N";
      const createdAt = new Date(now - rnd() * 730 * DAY_MS).toISOString();
      return [
        `cl${pad(g, 10)}`,
        `cu${pad(g % USERS, 10)}`,
        `${w1.charAt(0).toUpperCase()}${w1.slice(1)} ${w2} home in ${city}`,
        `A ${w1} place near the ${w2}, with daily photo updates and feeding on your schedule in ${city}.`,
        city,
        "Europe/Berlin",
        price,
        currency,
        pick(SPECIES_SETS, rnd),
        1 + Math.floor(rnd() * 6),
        status < 0.9 ? "ACTIVE" : status < 0.97 ? "PAUSED" : "ARCHIVED",
        hidden < 0.005 ? nowIso : "\\N",
        weekdays < 0.8 ? 127 : 31,
        ratingCount,
        ratingAvg,
        createdAt,
        nowIso,
      ].join("\t");
    },
    (done) => progress("listings")(done, listings),
  );

  const statuses = (r: number) =>
    r < 0.35
      ? "ACCEPTED"
      : r < 0.5
        ? "COMPLETED"
        : r < 0.7
          ? "REQUESTED"
          : r < 0.8
            ? "DECLINED"
            : r < 0.9
              ? "CANCELLED"
              : "EXPIRED";
  const firstSlot = today.getTime() - 30 * DAY_MS;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const bookings = listings * BOOKINGS_PER_LISTING;
  await copyRows(
    sql,
    "pets.bookings",
    [
      "id",
      "listing_id",
      "owner_id",
      "start_date",
      "end_date",
      "status",
      "pets",
      "nightly_price_minor",
      "total_price_minor",
      "currency",
      "cancellation_policy",
      "expires_at",
      "updated_at",
    ],
    bookings,
    (n) => {
      const [l, j] = [Math.floor(n / BOOKINGS_PER_LISTING), n % BOOKINGS_PER_LISTING];
      const start = firstSlot + (j * SLOT_DAYS + Math.floor(rnd() * 7)) * DAY_MS;
      const nights = 1 + Math.floor(rnd() * 6);
      return [
        `cb${pad(n, 12)}`,
        `cl${pad(l, 10)}`,
        `cu${pad((l + 1) % USERS, 10)}`,
        date(start),
        date(start + nights * DAY_MS),
        statuses(rnd()),
        1,
        5000,
        5000 * nights,
        "EUR",
        "MODERATE",
        nowIso,
        nowIso,
      ].join("\t");
    },
    (done) => progress("bookings")(done, bookings),
  );

  const blocks = Math.round((BLOCKS * listings) / LISTINGS);
  await copyRows(
    sql,
    "pets.availability_blocks",
    ["id", "listing_id", "start_date", "end_date"],
    blocks,
    (g) => {
      const start = today.getTime() + Math.floor(rnd() * 120) * DAY_MS;
      return [
        `ck${pad(g, 10)}`,
        `cl${pad(Math.floor(rnd() * listings), 10)}`,
        date(start),
        date(start + (1 + Math.floor(rnd() * 10)) * DAY_MS),
      ].join("\t");
    },
    (done) => progress("blocks")(done, blocks),
  );

  for (const i of indexes) await sql.query(i.def);
  progress(`${indexes.length} indexes built`)(indexes.length);
  for (const c of constraints) await sql.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`);
  progress(`${constraints.length} constraints checked`)(constraints.length);
  await sql.query("VACUUM ANALYZE");
  progress("vacuum analyze")(1);
}

type Search = ReturnType<typeof SearchParams.parse>;

const time = async <T>(op: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const value = await op();
  return [performance.now() - started, value];
};

/** A search's filters in one line: which are set, and the values that shape its plan. */
function filtersOf({ city, stay, pets, species, minPrice, maxPrice, q, sort }: Search): string {
  return [
    `sort=${sort}`,
    city && `city=${city}`,
    stay && `${stay.start}..${stay.end}`,
    pets !== undefined && `pets=${pets}`,
    species.length > 0 && `species=${species.join("+")}`,
    (minPrice !== undefined || maxPrice !== undefined) && `price=${minPrice ?? ""}..${maxPrice ?? ""}`,
    q && `q=${q}`,
  ]
    .filter(Boolean)
    .join(" ");
}

/** The page's listing ids through the repository (named prepared statements on its pool, as in the app). */
async function viaRepo(db: Db, search: Search): Promise<string[]> {
  const result = await searchRepository(db).search(search);
  if (!result.ok) throw new Error(`search failed: ${result.message}`);
  return result.items.map((h) => h.id);
}

/** The same statement sent unnamed (parsed and planned on every call) through a plain pg client. */
async function viaRaw(client: pg.Client, search: Search): Promise<string[]> {
  const statement = listingSearchQuery(search, null, 20);
  const { rows } = await client.query<{ id: string }>(statement.text, statement.values as unknown[]);
  return rows.slice(0, 20).map((r) => r.id);
}

/** Passes over the timed searches for their per-search medians (the first timed run is the first pass). */
const PASSES = 3;

/**
 * Every search three times: a first run (alternately through the repository and raw) that reads its
 * pages into shared buffers, then the repository and raw on those pages, alternating which goes first,
 * so the comparison measures the paths, not which of them found the pages cold. The first WARMUP untimed.
 * Then PASSES − 1 more passes over the timed searches, so that each has a median of PASSES runs per
 * path: one run each is as much the machine's hiccups (a 2-core host's I/O waits, other processes) as
 * the search; the medians are the searches' own cost. Passes rather than back-to-back repeats, so a
 * hiccup falls on one run of a search, not all of them.
 */
async function timeSearches(db: Db, sql: pg.Client, searches: Search[]) {
  // The per-city price figures the repository picks walks by, read as the app's first search starts
  // them (and then every 5 minutes); timed, as their one scan of the listings grows with them.
  const [figuresMs] = await time(() => cityPrices(db).refresh());
  const timed: { repo: number; raw: number; first: number; repoRuns: number[]; rawRuns: number[]; search: Search }[] =
    [];
  const failures: string[] = [];
  let hits = 0;
  for (const [i, search] of searches.entries()) {
    const viaRepoTimed = () => time(() => viaRepo(db, search));
    const viaRawTimed = () => time(() => viaRaw(sql, search));
    const repoFirst = i % 2 === 0;
    const [first] = await (repoFirst ? viaRepoTimed() : viaRawTimed());
    let repoRun: [number, string[]];
    let rawRun: [number, string[]];
    if (repoFirst) {
      repoRun = await viaRepoTimed();
      rawRun = await viaRawTimed();
    } else {
      rawRun = await viaRawTimed();
      repoRun = await viaRepoTimed();
    }
    const [[repo, ids], [raw, rawIds]] = [repoRun, rawRun];
    if (JSON.stringify(ids) !== JSON.stringify(rawIds)) failures.push(`search ${i}: repository and raw SQL differ`);
    if (i < WARMUP) continue;
    timed.push({ repo, raw, first, repoRuns: [repo], rawRuns: [raw], search });
    hits += ids.length;
  }
  for (let pass = 1; pass < PASSES; pass++) {
    for (const [i, t] of timed.entries()) {
      if ((i + pass) % 2 === 0) {
        t.repoRuns.push((await time(() => viaRepo(db, t.search)))[0]);
        t.rawRuns.push((await time(() => viaRaw(sql, t.search)))[0]);
      } else {
        t.rawRuns.push((await time(() => viaRaw(sql, t.search)))[0]);
        t.repoRuns.push((await time(() => viaRepo(db, t.search)))[0]);
      }
    }
  }
  return {
    figuresMs,
    repoMs: timed.map((t) => t.repo),
    rawMs: timed.map((t) => t.raw),
    firstMs: timed.map((t) => t.first),
    repoMedianMs: timed.map((t) => stats(t.repoRuns).p50),
    rawMedianMs: timed.map((t) => stats(t.rawRuns).p50),
    failures,
    hits,
    slowest: [...timed].sort((x, y) => y.repo - x.repo).slice(0, 5),
  };
}

function printSlowest(slowest: Awaited<ReturnType<typeof timeSearches>>["slowest"]): void {
  console.log("\n  the 5 slowest through the repository (ms: repository, raw, first run):");
  for (const { repo, raw, first, search } of slowest) {
    console.log(`    ${fmt(repo)}${fmt(raw)}${fmt(first)}  ${filtersOf(search)}`);
  }
}

async function main(): Promise<number> {
  const server = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  const scratch = await createScratchDatabase(server, "bench_search");
  const db = createPrismaClient(scratch.url, 4);
  const sql = new pg.Client({ connectionString: scratch.url });
  const scan = new pg.Client({ connectionString: scratch.url });
  try {
    await deploy(repoMigrator(scratch.url));
    await Promise.all([sql.connect(), scan.connect()]);
    const version = (await sql.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;
    console.log(
      `bench:search — generating ${LISTINGS.toLocaleString("en")} listings and ${(LISTINGS * BOOKINGS_PER_LISTING).toLocaleString("en")} bookings`,
    );
    await generate(sql);
    await scan.query("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off");

    const searches = Array.from({ length: WARMUP + SEARCHES }, () => SearchParams.parse(randomSearch()));
    const { figuresMs, repoMs, rawMs, firstMs, repoMedianMs, rawMedianMs, failures, hits, slowest } =
      await timeSearches(db, sql, searches);

    // The baseline runs the same timed searches (it is ~100× slower: about a minute in all).
    const scanMs: number[] = [];
    for (const [i, search] of searches.slice(WARMUP).entries()) {
      const [ms, ids] = await time(() => viaRaw(scan, search));
      scanMs.push(ms);
      const expected = await viaRepo(db, search);
      if (JSON.stringify(ids) !== JSON.stringify(expected)) failures.push(`baseline search ${i}: results differ`);
    }

    // Which indexes the plans use, over every timed search.
    const indexUse = new Map<string, number>();
    let seqScansOfListings = 0;
    for (const search of searches.slice(WARMUP)) {
      const statement = listingSearchQuery(search, null, 20);
      const plan = (
        await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, statement.values as unknown[])
      ).rows
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      for (const name of new Set(plan.match(/(?<=using |on )\w+_(idx|pkey|no_overlap)\b/gi) ?? [])) {
        indexUse.set(name, (indexUse.get(name) ?? 0) + 1);
      }
      if (/Seq Scan on listings/.test(plan)) seqScansOfListings++;
    }
    const full = SearchParams.parse({
      city: "Berlin",
      start: isoDay(20),
      end: isoDay(24),
      pets: "2",
      species: ["DOG"],
      minPrice: "20",
      maxPrice: "150",
      q: "garden",
      sort: "price",
    });
    const fullStatement = listingSearchQuery(full, null, 20);
    const fullPlan = (
      await sql.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, COSTS OFF) ${fullStatement.text}`,
        fullStatement.values as unknown[],
      )
    ).rows.map((r) => r["QUERY PLAN"]);

    const r = stats(repoMs);
    const w = stats(rawMs);
    const f = stats(firstMs);
    const rm = stats(repoMedianMs);
    const wm = stats(rawMedianMs);
    const s = stats(scanMs);
    const line = (label: string, x: { p50: number; p95: number; p99: number }) =>
      console.log(`  ${label.padEnd(60)}${fmt(x.p50)}${fmt(x.p95)}${fmt(x.p99)}`);
    console.log(
      `\nbench:search — PostgreSQL ${version}, ${os.availableParallelism()} cores, node ${process.version}, load average ${loadAverage()}`,
    );
    console.log(
      `${SEARCHES} searches after ${WARMUP} warm-up ones (90 % with a city, 85 % dates, 60 % pets, 50 % price range in the city's currency, 40 % species, 20 % words; ${(hits / SEARCHES).toFixed(1)} results per page on average)\n`,
    );
    console.log(`  ${"path (ms)".padEnd(60)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}`);
    line("searchRepository.search", r);
    line("same SQL raw through pg", w);
    line(`searchRepository.search, each search's median of ${PASSES} runs`, rm);
    line(`same SQL raw, each search's median of ${PASSES} runs`, wm);
    line("first run of each search (pages not yet in shared buffers)", f);
    line("same SQL, index/bitmap scans off (seq-scan baseline)", s);
    console.log(
      `\n  repository p95 ${r.p95.toFixed(2)} ms (aim ≤ 5 ms), p99 ${r.p99.toFixed(2)} ms (aim ≤ 10 ms); over each search's median of ${PASSES} runs p95 ${rm.p95.toFixed(2)}, p99 ${rm.p99.toFixed(2)}`,
    );
    console.log(`  repository / raw p95: ${(r.p95 / w.p95).toFixed(2)}× (aim ≤ 1.2×)`);
    console.log(`  per-city price figures (the walk's choice): ${figuresMs.toFixed(0)} ms to read`);
    console.log(
      `  baseline / repository: p50 ${(s.p50 / r.p50).toFixed(0)}×, p95 ${(s.p95 / r.p95).toFixed(0)}× (aim ≥ 100×); over each search's median of ${PASSES} runs p95 ${(s.p95 / rm.p95).toFixed(0)}×`,
    );
    printSlowest(slowest);
    console.log(
      `\n  indexes in the plans of the ${SEARCHES} searches (plans with a seq scan of listings: ${seqScansOfListings}):`,
    );
    for (const [name, n] of [...indexUse].sort((a, b) => b[1] - a[1])) console.log(`    ${name.padEnd(50)} ${n}`);
    console.log("\n  EXPLAIN ANALYZE of one search with every filter:");
    for (const planLine of fullPlan) console.log(`    ${planLine}`);
    if (failures.length > 0) {
      console.error(`\nFAIL: ${failures.length} correctness failure(s):\n  ${failures.slice(0, 10).join("\n  ")}`);
      return 1;
    }
    console.log("\n  correctness: repository, raw SQL and the baseline returned the same listings for every search\n");
    console.log(
      JSON.stringify({
        bench: "search",
        ok: failures.length === 0,
        cores: os.availableParallelism(),
        postgres: version,
        load: os.loadavg()[0],
        listings: LISTINGS,
        p50_ms: round(r.p50),
        p95_ms: round(r.p95),
        p99_ms: round(r.p99),
        raw_p95_ms: round(w.p95),
        first_run_p95_ms: round(f.p95),
        median_of_runs_p95_ms: round(rm.p95),
        median_of_runs_p99_ms: round(rm.p99),
        raw_median_of_runs_p95_ms: round(wm.p95),
        scan_p95_ms: round(s.p95),
        repo_over_raw_p95: round(r.p95 / w.p95),
        scan_over_repo_p95: round(s.p95 / r.p95),
        scan_over_repo_median_of_runs_p95: round(s.p95 / rm.p95),
        city_prices_ms: round(figuresMs),
      }),
    );
    return 0;
  } finally {
    await sql.end().catch(() => {});
    await scan.end().catch(() => {});
    await db.$disconnect();
    await scratch.drop();
  }
}

/**
 * `pnpm bench:search --scale[=10000,100000,…]`: the same 200 searches at each size (default 10k, 100k and
 * 1M listings, bookings 10× listings), each in a fresh scratch database, through the repository and raw;
 * prints how long generating took and a table of percentiles. Aim: p95 at 1M ≤ 2 × p95 at 100k.
 */
async function scaleCurve(sizes: number[]): Promise<number> {
  const server = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  const searches = Array.from({ length: WARMUP + SEARCHES }, () => SearchParams.parse(randomSearch()));
  type Stats = ReturnType<typeof stats>;
  const rows: {
    listings: number;
    seconds: number;
    figuresMs: number;
    repo: Stats;
    raw: Stats;
    first: Stats;
    median: Stats;
  }[] = [];
  let version: string | undefined;
  let failed = 0;
  for (const listings of sizes) {
    const scratch = await createScratchDatabase(server, "bench_search_scale");
    const db = createPrismaClient(scratch.url, 4);
    const sql = new pg.Client({ connectionString: scratch.url });
    try {
      await deploy(repoMigrator(scratch.url));
      await sql.connect();
      version = (await sql.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;
      console.log(
        `bench:search --scale — ${listings.toLocaleString("en")} listings, ${(listings * BOOKINGS_PER_LISTING).toLocaleString("en")} bookings`,
      );
      const started = performance.now();
      await generate(sql, listings);
      const seconds = (performance.now() - started) / 1000;
      const { figuresMs, repoMs, rawMs, firstMs, repoMedianMs, failures, slowest } = await timeSearches(
        db,
        sql,
        searches,
      );
      failed += failures.length;
      for (const f of failures.slice(0, 5)) console.error(`  FAIL: ${f}`);
      rows.push({
        listings,
        seconds,
        figuresMs,
        repo: stats(repoMs),
        raw: stats(rawMs),
        first: stats(firstMs),
        median: stats(repoMedianMs),
      });
      printSlowest(slowest);
    } finally {
      await sql.end().catch(() => {});
      await db.$disconnect();
      await scratch.drop();
    }
  }
  console.log(
    `\nbench:search --scale — PostgreSQL ${version}, ${os.availableParallelism()} cores, node ${process.version}, load average ${loadAverage()}`,
  );
  console.log(`${SEARCHES} searches after ${WARMUP} warm-up ones, the same at every size\n`);
  console.log(
    `  ${"listings".padStart(10)} ${"bookings".padStart(11)} ${"generate s".padStart(10)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"raw p95".padStart(9)}${"first p95".padStart(11)}${"median p95".padStart(12)}${"figures ms".padStart(12)}`,
  );
  for (const row of rows) {
    console.log(
      `  ${row.listings.toLocaleString("en").padStart(10)} ${(row.listings * BOOKINGS_PER_LISTING).toLocaleString("en").padStart(11)} ${row.seconds.toFixed(0).padStart(10)}${fmt(row.repo.p50)}${fmt(row.repo.p95)}${fmt(row.repo.p99)}${fmt(row.raw.p95)}${fmt(row.first.p95).padStart(11)}${fmt(row.median.p95).padStart(12)}${row.figuresMs.toFixed(0).padStart(12)}`,
    );
  }
  const at = (n: number) => rows.find((r) => r.listings === n);
  const [mid, big] = [at(100_000), at(1_000_000)];
  const growth = mid && big ? big.repo.p95 / mid.repo.p95 : undefined;
  if (growth !== undefined) console.log(`\n  p95 at 1M / p95 at 100k: ${growth.toFixed(2)} (aim ≤ 2)`);
  console.log(failed === 0 ? "  correctness: repository and raw SQL agreed on every search\n" : `  FAIL: ${failed}\n`);
  console.log(
    JSON.stringify({
      bench: "search-scale",
      ok: failed === 0,
      cores: os.availableParallelism(),
      postgres: version,
      load: os.loadavg()[0],
      sizes: rows.map((r) => ({
        listings: r.listings,
        generate_s: round(r.seconds),
        p50_ms: round(r.repo.p50),
        p95_ms: round(r.repo.p95),
        p99_ms: round(r.repo.p99),
        raw_p95_ms: round(r.raw.p95),
        first_run_p95_ms: round(r.first.p95),
        median_of_runs_p95_ms: round(r.median.p95),
        city_prices_ms: round(r.figuresMs),
      })),
      p95_1m_over_100k: growth === undefined ? null : round(growth),
    }),
  );
  return failed === 0 ? 0 : 1;
}

// Only when run as the benchmark, not when bench/ssr.ts imports the generator.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const scaleArg = process.argv.find((a) => a.startsWith("--scale"));
  const sizes = scaleArg?.includes("=")
    ? scaleArg
        .slice("--scale=".length)
        .split(",")
        .map((n) => Number(n))
    : [10_000, 100_000, 1_000_000];
  if (sizes.some((n) => !Number.isInteger(n) || n < CHUNK_MIN)) {
    console.error(`--scale=N,…: whole numbers of listings, at least ${CHUNK_MIN}`);
    process.exit(2);
  }
  exitAfter(scaleArg ? scaleCurve(sizes) : main());
}
