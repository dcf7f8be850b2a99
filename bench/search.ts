// `pnpm bench:search`: the public listing search (@burrow/db's searchRepository) on 100k listings
// and 1M bookings. In one run, on the same 200 random realistic searches:
//   - the real repository (on its Prisma client's node-postgres pool, as in the app),
//   - the same SQL statement raw through `pg`,
//   - a sequential-scan baseline (index, index-only and bitmap scans off),
// with p50/p95/p99, their ratios, and which indexes the plans use. Runs on a scratch database of
// DATABASE_URL's server, or on embedded PostgreSQL when it is unset. Exits non-zero only on a
// correctness failure (the paths return different listings), never on speed.
import os from "node:os";
import { pathToFileURL } from "node:url";
import { createPrismaClient, listingSearchQuery, SearchParams, searchRepository } from "@burrow/db";
import { deploy, repoMigrator } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import pg from "pg";
import { startEmbeddedPostgres, stopServices } from "../scripts/lib/services";

const LISTINGS = 100_000;
const BOOKINGS_PER_LISTING = 10; // 1M bookings
const BLOCKS = 20_000;
const USERS = 1_000;
const CHUNKS = 10;
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

// A small seeded PRNG, so every run times the same searches.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
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

/**
 * Fills an empty, migrated database: `listings` listings over 100 cities (~90 % listed, priced in
 * ten currencies), 10 stays each in disjoint slots around today (half accepted or completed), blocks, then VACUUM ANALYZE.
 * bench/ssr.ts uses it too.
 */
export async function generate(sql: pg.Client, listings = LISTINGS): Promise<void> {
  const started = performance.now();
  const progress = (what: string, done: number, total: number) =>
    console.log(
      `  ${what}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  // Embedded test clusters run with synchronous_commit=off. Until an asynchronous commit reaches the
  // disk, tuples cannot be hinted as committed, so VACUUM leaves their pages out of the visibility map:
  // every index-only probe of the stays then read the heap, unlike on any table autovacuum has seen.
  await sql.query("SET synchronous_commit = on");
  await sql.query("SELECT setseed(0.42)");
  await sql.query(
    `INSERT INTO identity.users (id, email, role, updated_at)
     SELECT 'cu' || lpad(g::text, 10, '0'), 'user' || g || '@bench.test', 'SITTER', now() FROM generate_series(0, $1 - 1) g`,
    [USERS],
  );
  const chunk = listings / CHUNKS;
  for (let c = 0; c < CHUNKS; c++) {
    // random() is referenced per row through the lateral join's dependence on g.
    await sql.query(
      `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
         species, max_pets, status, hidden_at, weekdays, rating_count, rating_avg, created_at, updated_at)
       SELECT 'cl' || lpad(g::text, 10, '0'), 'cu' || lpad((g % $3)::text, 10, '0'),
              initcap(w1) || ' ' || w2 || ' home in ' || city,
              'A ' || w1 || ' place near the ' || w2 || ', with daily photo updates and feeding on your schedule in ' || city || '.',
              city, 'Europe/Berlin',
              -- 10 to 210 euros in the city's currency and minor units (price_micros(1, c) = 10^(6 - digits))
              floor((1000 + r1 * 20000) * per_euro * 10000 / pets.price_micros(1, currency))::int, currency,
              (CASE floor(r2 * 6)::int WHEN 0 THEN '{DOG}' WHEN 1 THEN '{CAT}' WHEN 2 THEN '{DOG,CAT}'
                 WHEN 3 THEN '{BIRD,REPTILE}' WHEN 4 THEN '{CAT,RABBIT,RODENT}' ELSE '{DOG,CAT,RABBIT}' END)::"pets"."Species"[],
              1 + floor(r3 * 6)::int,
              (CASE WHEN r4 < 0.9 THEN 'ACTIVE' WHEN r4 < 0.97 THEN 'PAUSED' ELSE 'ARCHIVED' END)::"pets"."ListingStatus",
              CASE WHEN r5 < 0.005 THEN now() END,
              CASE WHEN r5 < 0.8 THEN 127 ELSE 31 END,
              rating_count, CASE WHEN rating_count > 0 THEN round((1 + r6 * 4)::numeric, 2) END,
              now() - (r7 * 730) * interval '1 day', now()
         FROM generate_series($1::int, $2::int) g,
              LATERAL (SELECT random() + 0 * g AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                              random() AS r6, random() AS r7,
                              1 + floor(random() * array_length($4::text[], 1))::int AS ci,
                              ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS w1,
                              ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS w2,
                              CASE WHEN random() < 0.3 THEN 0 ELSE 1 + floor(random() * 50)::int END AS rating_count) x,
              LATERAL (SELECT ($4::text[])[ci] AS city, ($6::text[])[ci] AS currency, ($7::float8[])[ci] AS per_euro) m`,
      [
        c * chunk,
        (c + 1) * chunk - 1,
        USERS,
        CITIES,
        WORDS,
        CITIES.map((city) => money(city).currency),
        CITIES.map((city) => money(city).perEuro),
      ],
    );
    progress("listings", (c + 1) * chunk, listings);
  }
  for (let c = 0; c < CHUNKS; c++) {
    await sql.query(
      `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
         total_price_minor, currency, cancellation_policy, expires_at, updated_at)
       SELECT 'cb' || lpad((l * $3 + j)::text, 12, '0'), 'cl' || lpad(l::text, 10, '0'),
              'cu' || lpad(((l + 1) % $4)::text, 10, '0'),
              $5::date + j * $6 + s.off, $5::date + j * $6 + s.off + s.nights,
              (CASE WHEN s.r < 0.35 THEN 'ACCEPTED' WHEN s.r < 0.5 THEN 'COMPLETED' WHEN s.r < 0.7 THEN 'REQUESTED'
                    WHEN s.r < 0.8 THEN 'DECLINED' WHEN s.r < 0.9 THEN 'CANCELLED' ELSE 'EXPIRED' END)::"pets"."BookingStatus",
              1, 5000, 5000 * s.nights, 'EUR', 'MODERATE', now(), now()
         FROM generate_series($1::int, $2::int) l, generate_series(0, $3 - 1) j,
              LATERAL (SELECT floor(random() * 7 + 0 * l + 0 * j)::int AS off, 1 + floor(random() * 6)::int AS nights,
                              random() AS r) s`,
      [c * chunk, (c + 1) * chunk - 1, BOOKINGS_PER_LISTING, USERS, isoDay(-30), SLOT_DAYS],
    );
    progress("bookings", (c + 1) * chunk * BOOKINGS_PER_LISTING, listings * BOOKINGS_PER_LISTING);
  }
  await sql.query(
    `INSERT INTO pets.availability_blocks (id, listing_id, start_date, end_date)
     SELECT 'ck' || lpad(g::text, 10, '0'), 'cl' || lpad(floor(random() * $2 + 0 * g)::int::text, 10, '0'),
            $3::date + x.off, $3::date + x.off + x.nights
       FROM generate_series(0, $1 - 1) g,
            LATERAL (SELECT floor(random() * 120 + 0 * g)::int AS off, 1 + floor(random() * 10)::int AS nights) x`,
    [(BLOCKS * listings) / LISTINGS, listings, isoDay(0)],
  );
  progress("blocks", (BLOCKS * listings) / LISTINGS, (BLOCKS * listings) / LISTINGS);
  await sql.query("VACUUM ANALYZE");
  progress("vacuum analyze", 1, 1);
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

    const repo = searchRepository(db);
    const searches = Array.from({ length: WARMUP + SEARCHES }, () => SearchParams.parse(randomSearch()));
    const failures: string[] = [];
    const viaRepo = async (search: (typeof searches)[number]) => {
      const result = await repo.search(search);
      if (!result.ok) throw new Error(`search failed: ${result.message}`);
      return result.items.map((h) => h.id);
    };
    const viaRaw = async (client: pg.Client, search: (typeof searches)[number]) => {
      const statement = listingSearchQuery(search, null, 20);
      const { rows } = await client.query<{ id: string }>(statement.text, statement.values as unknown[]);
      return rows.slice(0, 20).map((r) => r.id);
    };
    const time = async <T>(op: () => Promise<T>): Promise<[number, T]> => {
      const started = performance.now();
      const value = await op();
      return [performance.now() - started, value];
    };

    const repoMs: number[] = [];
    const rawMs: number[] = [];
    let hits = 0;
    for (const [i, search] of searches.entries()) {
      // Alternate which path goes first, so cache warming favours neither.
      const [[a, ids], [b, rawIds]] =
        i % 2 === 0
          ? [await time(() => viaRepo(search)), await time(() => viaRaw(sql, search))]
          : await (async () => {
              const raw = await time(() => viaRaw(sql, search));
              return [await time(() => viaRepo(search)), raw] as const;
            })();
      if (JSON.stringify(ids) !== JSON.stringify(rawIds)) failures.push(`search ${i}: repository and raw SQL differ`);
      if (i < WARMUP) continue;
      repoMs.push(a);
      rawMs.push(b);
      hits += ids.length;
    }

    // The baseline runs the same timed searches (it is ~100× slower: about a minute in all).
    const scanMs: number[] = [];
    for (const [i, search] of searches.slice(WARMUP).entries()) {
      const [ms, ids] = await time(() => viaRaw(scan, search));
      scanMs.push(ms);
      const expected = await viaRepo(search);
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
    const s = stats(scanMs);
    const line = (label: string, x: { p50: number; p95: number; p99: number }) =>
      console.log(`  ${label.padEnd(52)}${fmt(x.p50)}${fmt(x.p95)}${fmt(x.p99)}`);
    console.log(`\nbench:search — PostgreSQL ${version}, ${os.availableParallelism()} cores, node ${process.version}`);
    console.log(
      `${SEARCHES} searches after ${WARMUP} warm-up ones (90 % with a city, 85 % dates, 60 % pets, 50 % price range in the city's currency, 40 % species, 20 % words; ${(hits / SEARCHES).toFixed(1)} results per page on average)\n`,
    );
    console.log(`  ${"path (ms)".padEnd(52)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}`);
    line("searchRepository.search", r);
    line("same SQL raw through pg", w);
    line("same SQL, index/bitmap scans off (seq-scan baseline)", s);
    console.log(`\n  repository p95 ${r.p95.toFixed(2)} ms (aim ≤ 10 ms)`);
    console.log(`  repository / raw p95: ${(r.p95 / w.p95).toFixed(2)}× (aim ≤ 2×)`);
    console.log(
      `  baseline / repository: p50 ${(s.p50 / r.p50).toFixed(0)}×, p95 ${(s.p95 / r.p95).toFixed(0)}× (aim ≥ 100×)`,
    );
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
    console.log("\n  correctness: repository, raw SQL and the baseline returned the same listings for every search");
    return 0;
  } finally {
    await sql.end().catch(() => {});
    await scan.end().catch(() => {});
    await db.$disconnect();
    await scratch.drop();
  }
}

// Only when run as the benchmark, not when bench/ssr.ts imports the generator.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main()
    .then(async (code) => {
      await stopServices();
      process.exit(code);
    })
    .catch(async (err: unknown) => {
      console.error(err);
      await stopServices();
      process.exit(1);
    });
}
