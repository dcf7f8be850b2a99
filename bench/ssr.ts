// `pnpm bench:ssr`: server-rendered /listings on web's production build (`next start`) against the
// same build's floor page (/auth/check-email: the same root layout, no data) in the same run, under the
// same autocannon load (16 connections). Aim: /listings ≥ 0.8 × the floor's req/s, p99 ≤ 150 ms. For
// reference it also drives a route handler (no React) and a bare node:http + pg server running the same
// search SQL, and /listings twice more to show where its cost goes: with its form only (a query that
// fails validation) and with the form and the search but no cards; these four pages are loaded in
// alternating slices after the same warm-up. Nothing caches rendered results, so every /listings row is
// cold. Every row also shows the serving process's CPU time per request, which the rest of the
// machine's load moves far less than req/s. Prints the HTML and RSC payload bytes per result card.
// Then the same page with observability off against traces + metrics exported to a local OTLP sink
// (aim ≥ 0.9), and against the same recording all of Next's spans, measured in alternating slices; off
// and traced each on ARM_PROCESSES servers, as two servers of one build differ by up to 14 %.
// Builds web first when apps/web/.next is missing.
// Exits non-zero only when a server answers wrongly (not 200, or not the search's listings).
// `--duration <s>` shortens (or lengthens) every row's measured load; 15 s by default.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createPrismaClient, listingSearchQuery, SearchParams, searchRepository } from "@burrow/db";
import { deploy, repoMigrator } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { exitAfter, onStopServices, startEmbeddedPostgres } from "@burrow/testing/services";
import autocannon from "autocannon";
import pg from "pg";
import { type CpuUse, measureCpu } from "./cpu";
import { generate } from "./search";

const LISTINGS = 20_000;
const durationFlag = process.argv.indexOf("--duration");
const DURATION_S = durationFlag === -1 ? 15 : Number(process.argv[durationFlag + 1]);
if (!Number.isInteger(DURATION_S) || DURATION_S < 1) throw new Error("bench:ssr: --duration takes whole seconds ≥ 1");
const WARMUP_S = 3;
const ALTERNATING_WARMUP_S = 10;
const ALTERNATING_ROUNDS = 5;
const CONNECTIONS = 16;
/** Servers per arm of the observability ratio (off, traced), pooled: one server's luck is averaged out. */
const ARM_PROCESSES = 3;
const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "apps/web");

const DAY_MS = 86_400_000;
const isoDay = (n: number) =>
  new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + n * DAY_MS).toISOString().slice(0, 10);
const QUERY = `city=Berlin&start=${isoDay(20)}&end=${isoDay(23)}&pets=1&sort=price`;
// Where /listings' cost goes beyond the floor: the page with its form only (a query that fails
// validation runs no search) and with the form and the search's query but no cards (a city with none).
const FORM_ONLY_QUERY = "pets=none";
const NO_RESULTS_QUERY = QUERY.replace("city=Berlin", "city=Nowhere");

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** A local OTLP/HTTP sink for the traced server: reads each export, answers 200, counts exports and bytes. */
function otlpSink(port: number): { exports: () => number; bytes: () => number; close: () => void } {
  let exports = 0;
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on("end", () => {
      exports += 1;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.listen(port, "127.0.0.1");
  return { exports: () => exports, bytes: () => bytes, close: () => server.close() };
}

/** The baseline: parse the query string with the same schema, run the same SQL through a pg pool, print HTML. */
function bareProcess(databaseUrl: string, port: number): void {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  http
    .createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const parsed = SearchParams.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        res.writeHead(400).end("bad query");
        return;
      }
      const statement = listingSearchQuery(parsed.data, null, 20);
      const { rows } = await pool.query<{ id: string; title: string; city: string }>(
        statement.text,
        statement.values as unknown[],
      );
      const items = rows
        .slice(0, 20)
        .map((r) => `<li><a href="/listings/${r.id}">${escapeHtml(r.title)}</a> ${escapeHtml(r.city)}</li>`);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html><body><h1>Find a stay</h1><ul>${items.join("")}</ul></body></html>`);
    })
    .listen(port, "127.0.0.1");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in 60 s`);
}

function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group, so stopping it also stops whatever it spawned; a signal to the bench stops it
  // with the services (stopServices).
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  onStopServices(async () => {
    stop(child);
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
  });
  return child;
}
const stop = (child: ChildProcess) => {
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
};

/** A row: throughput, latency, failed responses and the serving process's CPU time per request. */
interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  cpuMsPerRequest: number;
}

/** One stretch of load: its req/s, latency, failures, and the server's CPU time over its requests. */
const measured = (result: autocannon.Result, cpu: CpuUse): Measured => ({
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx + result.errors + result.timeouts,
  cpuMsPerRequest: (cpu.processSeconds * 1000) / result.requests.total,
});

/**
 * Equally long stretches (slices of one page, or servers of one build under the same load) as one row:
 * req/s averaged, the median p50, the worst p99, every failure, CPU per request weighted by requests.
 */
function pooled(rows: Measured[]): Measured {
  const rps = rows.reduce((total, r) => total + r.rps, 0);
  const p50s = rows.map((r) => r.p50).sort((x, y) => x - y);
  return {
    rps: rps / rows.length,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(...rows.map((r) => r.p99)),
    non2xx: rows.reduce((total, r) => total + r.non2xx, 0),
    cpuMsPerRequest: rows.reduce((total, r) => total + r.cpuMsPerRequest * r.rps, 0) / rps,
  };
}

/** Load on `url`; CPU per request is the serving process's (`server`, with its children). */
async function load(url: string, server: ChildProcess): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
  return measured(
    ...(await measureCpu([server.pid as number], () =>
      autocannon({ url, connections: CONNECTIONS, duration: DURATION_S }),
    )),
  );
}

/**
 * Pages (of one server or several) under the same load in alternating slices (a, b, a, b, …) after a
 * warm-up of ALTERNATING_WARMUP_S each, so a change in the machine's load over the minute falls on all
 * rather than on whichever came last. The warm-up is longer than the other rows': with 3 s, a server's
 * CPU per request was still falling through its first slices (V8 still optimising), more so for pages
 * that run more code.
 * Each page's slices pooled (p99: the worst slice's); CPU per request is the server process's (all its
 * threads), which the rest of the machine's load moves far less than req/s. One result per page, in
 * the pages' order.
 */
async function loadAlternating<const Pages extends readonly { child: ChildProcess; url: string }[]>(
  servers: Pages,
): Promise<{ [K in keyof Pages]: Measured }> {
  for (const { url } of servers) await autocannon({ url, connections: CONNECTIONS, duration: ALTERNATING_WARMUP_S });
  const slices = servers.map(() => [] as Measured[]);
  const duration = Math.max(1, Math.round(DURATION_S / ALTERNATING_ROUNDS));
  for (let round = 0; round < ALTERNATING_ROUNDS; round++)
    for (const [i, { url, child }] of servers.entries()) {
      const pid = child.pid as number;
      slices[i]?.push(
        measured(...(await measureCpu([pid], () => autocannon({ url, connections: CONNECTIONS, duration })))),
      );
    }
  return slices.map(pooled) as { [K in keyof Pages]: Measured };
}

async function main(): Promise<number> {
  if (!existsSync(path.join(web, ".next/BUILD_ID"))) {
    console.log("bench:ssr — no production build of web yet: building it (a few minutes)…");
    const build = spawn(path.join(web, "node_modules/.bin/next"), ["build"], { cwd: web, stdio: "inherit" });
    onStopServices(async () => void build.kill("SIGTERM"));
    const code = await new Promise<number | null>((r) => build.on("exit", r));
    if (code !== 0) throw new Error("next build failed");
  }
  const server = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  const scratch = await createScratchDatabase(server, "bench_ssr");
  const sql = new pg.Client({ connectionString: scratch.url });
  const children: ChildProcess[] = [];
  try {
    await deploy(repoMigrator(scratch.url));
    await sql.connect();
    console.log(`bench:ssr — generating ${LISTINGS.toLocaleString("en")} listings`);
    await generate(sql, LISTINGS);
    const version = (await sql.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;

    // The listings the page must show, from the repository itself.
    const db = createPrismaClient(scratch.url, 1);
    const expected = await searchRepository(db).search(
      SearchParams.parse(Object.fromEntries(new URLSearchParams(QUERY))),
    );
    await db.$disconnect();
    if (!expected.ok || expected.items.length === 0) throw new Error("the benchmark search matches nothing");
    const ids = expected.items.map((h) => h.id);

    const [nextPort, barePort, sinkPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const sink = otlpSink(sinkPort);
    const appEnv = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: "10",
      // Not used by /listings, but the apps' env must be complete (auth reads it for the header).
      MONGODB_URI: "mongodb://127.0.0.1:1/bench",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SERVICE_TOKEN_SECRET: randomBytes(32).toString("base64url"),
      UNSUBSCRIBE_SECRET: randomBytes(32).toString("base64url"),
      EMAIL_SERVER: "smtp://127.0.0.1:1",
      EMAIL_FROM: "bench@burrow.test",
      WEB_URL: `http://localhost:${nextPort}`,
      PETS_URL: "http://localhost:1",
    };
    children.push(start(path.join(web, "node_modules/.bin/next"), ["start", "--port", String(nextPort)], web, appEnv));
    children.push(
      start(
        path.join(root, "node_modules/.bin/tsx"),
        ["--conditions=react-server", path.join(root, "bench/ssr.ts"), "--bare", scratch.url, String(barePort)],
        root,
        { NODE_ENV: "production" },
      ),
    );
    // The same build several times more: observability off (no spans, so no HTTP or service-call
    // metrics) and tracing + metrics on with every span exported to the sink, ARM_PROCESSES servers each,
    // and once recording all of Next's spans rather than its request span only. All log at the default level.
    const listingsOn = (port: number) => `http://127.0.0.1:${port}/listings?${QUERY}`;
    const nextServer = async (env: Record<string, string>) => {
      const port = await freePort();
      const child = start(path.join(web, "node_modules/.bin/next"), ["start", "--port", String(port)], web, {
        ...appEnv,
        WEB_URL: `http://localhost:${port}`,
        ...env,
      });
      children.push(child);
      return { child, url: listingsOn(port) };
    };
    const otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}` };
    const offServers: { child: ChildProcess; url: string }[] = [];
    const tracedServers: { child: ChildProcess; url: string }[] = [];
    for (let i = 0; i < ARM_PROCESSES; i++) {
      offServers.push(await nextServer({ OTEL_SDK_DISABLED: "1" }));
      tracedServers.push(await nextServer(otlp));
    }
    const verboseServer = await nextServer({ ...otlp, TRACE_NEXT_INTERNALS: "1" });
    const [nextUrl, bareUrl] = [nextPort, barePort].map(listingsOn) as [string, string];
    const [nextChild, bareChild] = children as [ChildProcess, ChildProcess];
    const named = [
      ["next start", { child: nextChild, url: nextUrl }],
      ["node:http + pg", { child: bareChild, url: bareUrl }],
      ...offServers.map((server, i) => [`next start, observability off (${i + 1})`, server] as const),
      ...tracedServers.map((server, i) => [`next start, traced (${i + 1})`, server] as const),
      ["next start, traced with Next's inner spans", verboseServer],
    ] as const;
    await Promise.all(named.map(([, { url, child }]) => waitFor(url, child)));

    const failures: string[] = [];
    for (const [name, { url }] of named) {
      const html = await (await fetch(url)).text();
      const missing = ids.filter((id) => !html.includes(`/listings/${id}`));
      if (missing.length > 0) failures.push(`${name}: ${missing.length} of the ${ids.length} listings missing`);
    }
    const nextAt = (pathAndQuery: string) => `http://127.0.0.1:${nextPort}${pathAndQuery}`;
    const page = async (query: string) => (await fetch(nextAt(`/listings?${query}`))).text();
    if (!(await page(FORM_ONLY_QUERY)).includes('role="alert"'))
      failures.push("the form-only page shows no validation error, so it may have searched");
    if (!(await page(NO_RESULTS_QUERY)).includes("No stays match")) failures.push("the no-results page found listings");

    const bare = await load(bareUrl, bareChild);
    // /listings, its two partial forms and the floor (the same app's cheapest page: no query, same root
    // layout) in alternating slices after the same warm-up, as the aim is a ratio of two of them. One
    // after the other, /listings came first with 3 s of warm-up and paid for V8 still optimising.
    const floorUrl = nextAt("/auth/check-email");
    const onNext = (url: string) => ({ child: nextChild, url });
    const [next, formOnly, noResults, floor] = await loadAlternating([
      onNext(nextUrl),
      onNext(nextAt(`/listings?${FORM_ONLY_QUERY}`)),
      onNext(nextAt(`/listings?${NO_RESULTS_QUERY}`)),
      onNext(floorUrl),
    ]);
    // A route handler: no React render at all.
    const handler = await load(nextAt("/api/health/live"), nextChild);
    // Observability's cost: the same page, off and on with export, in alternating slices (off, traced,
    // off, traced, …, the all-spans server last), each arm pooled over its servers.
    const armRows = await loadAlternating([
      ...offServers.flatMap((server, i) => [server, tracedServers[i] as typeof server]),
      verboseServer,
    ]);
    const verbose = armRows[armRows.length - 1] as Measured;
    const offRows = armRows.slice(0, -1).filter((_, i) => i % 2 === 0);
    const tracedRows = armRows.slice(0, -1).filter((_, i) => i % 2 === 1);
    const [off, traced] = [pooled(offRows), pooled(tracedRows)];
    // The batch exporter sends every 5 s: give the last batch time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    sink.close();
    if (sink.exports() === 0) failures.push("the traced server exported no spans to the OTLP sink");
    for (const [name, r] of [
      ["next start", next],
      ["node:http + pg", bare],
      ["next start /auth/check-email", floor],
      ["next start /api/health/live", handler],
      ["next start /listings, form only", formOnly],
      ["next start /listings, no results", noResults],
      ["next start, observability off", off],
      ["next start, traced", traced],
      ["next start, traced with Next's inner spans", verbose],
    ] as const) {
      if (r.non2xx > 0) failures.push(`${name}: ${r.non2xx} non-2xx/errored responses under load`);
    }

    // Bytes the page sends per result card: the page's HTML (and its RSC payload, as a client-side
    // navigation fetches it) minus the floor page's, over the number of cards.
    const bytes = async (url: string, headers: Record<string, string> = {}) =>
      Buffer.byteLength(await (await fetch(url, { headers })).text());
    const perCard = async (headers: Record<string, string> = {}) =>
      ((await bytes(nextUrl, headers)) - (await bytes(floorUrl, headers))) / ids.length;
    const [htmlPerCard, rscPerCard] = [await perCard(), await perCard({ RSC: "1" })];

    const row = (name: string, r: Measured) =>
      console.log(
        `  ${name.padEnd(50)}${r.rps.toFixed(0).padStart(8)}${r.p50.toFixed(0).padStart(8)}${r.p99.toFixed(0).padStart(8)}${(r.rps / floor.rps).toFixed(2).padStart(9)}${(r.rps / bare.rps).toFixed(2).padStart(8)}${r.cpuMsPerRequest.toFixed(1).padStart(12)}`,
      );
    const load1 = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
    console.log(
      `\nbench:ssr — PostgreSQL ${version}, ${os.availableParallelism()} cores, node ${process.version}, load average ${load1}`,
    );
    console.log(
      `GET /listings?${QUERY} (${ids.length} results), ${LISTINGS.toLocaleString("en")} listings, autocannon ${CONNECTIONS} connections, ${DURATION_S} s a row (in ${ALTERNATING_ROUNDS} alternating slices after ${ALTERNATING_WARMUP_S} s warm-up, except the handler and bare rows: one stretch after ${WARMUP_S} s)\n`,
    );
    console.log(
      `  ${"server".padEnd(50)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"/ floor".padStart(9)}${"/ bare".padStart(8)}${"CPU ms/req".padStart(12)}`,
    );
    row("/listings, cold (no rendered-result cache)", next);
    row("  its form only (invalid query: no search)", formOnly);
    row("  its form + the search, no results", noResults);
    row("floor: /auth/check-email (same layout, no data)", floor);
    row("/api/health/live (route handler, no React)", handler);
    row("bare node:http + pg, same SQL", bare);
    row(`next start, observability off (${ARM_PROCESSES} servers)`, off);
    row(`next start, traces + metrics, OTLP export (${ARM_PROCESSES})`, traced);
    row("the same, all of Next's spans (TRACE_NEXT_INTERNALS)", verbose);
    const ratio = next.rps / floor.rps;
    console.log(
      `\n  /listings / floor: ${ratio.toFixed(2)} (aim ≥ 0.80; by CPU per request ${(floor.cpuMsPerRequest / next.cpuMsPerRequest).toFixed(2)}); /listings p99 ${next.p99} ms (aim ≤ 150 ms)`,
    );
    console.log(
      `  traced / off: ${(traced.rps / off.rps).toFixed(2)} (aim ≥ 0.90; ${ARM_PROCESSES} servers each, ${ALTERNATING_ROUNDS} alternating slices each after ${ALTERNATING_WARMUP_S} s warm-up); with Next's inner spans ${(verbose.rps / off.rps).toFixed(2)}; ${sink.exports()} OTLP exports, ${(sink.bytes() / 1e6).toFixed(1)} MB`,
    );
    const rates = (rows: Measured[]) => rows.map((r) => r.rps.toFixed(0)).join(", ");
    console.log(`  req/s of each server: off ${rates(offRows)}; traced ${rates(tracedRows)}`);
    const cpuOverOff = ({ cpuMsPerRequest: ms }: Measured) =>
      `${ms.toFixed(1)} ms (${((ms / off.cpuMsPerRequest - 1) * 100).toFixed(0)} % more)`;
    console.log(
      `  CPU per request: off ${off.cpuMsPerRequest.toFixed(1)} ms, traced ${cpuOverOff(traced)}, with Next's inner spans ${cpuOverOff(verbose)}`,
    );
    console.log(
      `  bytes per result card: HTML ${htmlPerCard.toFixed(0)}, RSC payload ${rscPerCard.toFixed(0)} (beyond the floor page's)\n`,
    );
    console.log(
      JSON.stringify({
        bench: "ssr",
        ok: failures.length === 0,
        cores: os.availableParallelism(),
        postgres: version,
        load: os.loadavg()[0],
        connections: CONNECTIONS,
        listings_rps: Math.round(next.rps),
        listings_p99_ms: next.p99,
        floor_rps: Math.round(floor.rps),
        form_only_over_floor: Number((formOnly.rps / floor.rps).toFixed(3)),
        no_results_over_floor: Number((noResults.rps / floor.rps).toFixed(3)),
        handler_rps: Math.round(handler.rps),
        bare_rps: Math.round(bare.rps),
        listings_over_floor: Number(ratio.toFixed(3)),
        listings_cpu_ms_per_request: Number(next.cpuMsPerRequest.toFixed(2)),
        floor_cpu_ms_per_request: Number(floor.cpuMsPerRequest.toFixed(2)),
        observability_off_rps: Math.round(off.rps),
        traced_rps: Math.round(traced.rps),
        traced_over_off: Number((traced.rps / off.rps).toFixed(3)),
        off_rps_per_server: offRows.map((r) => Math.round(r.rps)),
        traced_rps_per_server: tracedRows.map((r) => Math.round(r.rps)),
        off_cpu_ms_per_request: Number(off.cpuMsPerRequest.toFixed(2)),
        traced_cpu_ms_per_request: Number(traced.cpuMsPerRequest.toFixed(2)),
        traced_all_next_spans_over_off: Number((verbose.rps / off.rps).toFixed(3)),
        traced_all_next_spans_cpu_ms_per_request: Number(verbose.cpuMsPerRequest.toFixed(2)),
        html_bytes_per_card: Math.round(htmlPerCard),
        rsc_bytes_per_card: Math.round(rscPerCard),
      }),
    );
    if (failures.length > 0) {
      console.error(`\nFAIL:\n  ${failures.join("\n  ")}`);
      return 1;
    }
    return 0;
  } finally {
    for (const child of children) stop(child);
    await sql.end().catch(() => {});
    await scratch.drop();
  }
}

if (process.argv[2] === "--bare") {
  bareProcess(process.argv[3] as string, Number(process.argv[4]));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  exitAfter(main());
}
