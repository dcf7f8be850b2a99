// The protocol-speaking half of scripts/start-production.sh: the script owns the flow, these
// commands talk to PostgreSQL, the Mongo-wire server and the apps. Progress goes to stderr,
// results to stdout; any failure is one line on stderr and exit status 1.
//
//   postgres                   SELECT 1 (bounded retries); prints the server's major version and the database name
//   mongo                      MongoDB ping (bounded retries)
//   pending                    pending migration names, one a line; fails while a failed migration is unresolved
//   libpq COMMAND [ARGS...]    runs a libpq tool (pg_dump) connected to DATABASE_URL through PG* variables, so
//                              the password never shows in a process list and Prisma's URL parameters
//                              (?schema=, ?connection_limit=) do not reach libpq, which rejects them
//   ready NAME PORT PID...     waits until each app's /api/health/ready answers 200 on PORT (PostgreSQL,
//                              migration level, Mongo for web); fails as soon as process PID is gone
//
// Retries: CONNECT_RETRIES (10) attempts, CONNECT_RETRY_DELAY (3) seconds apart, each given
// CONNECT_TIMEOUT (5) seconds. READY_TIMEOUT (120) seconds for `ready`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { splitDatabaseUrl } from "@burrow/db/env";
import { repoMigrator, status } from "@burrow/migrations";
import pg from "pg";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const say = (line: string) => console.error(`[start-production] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of seconds, got "${raw}"`);
  return value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** user@host:port/database: enough to tell which server is meant, without the password. */
export function describeUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
}

/** Runs `attempt` up to CONNECT_RETRIES times; the last error names what was tried and how often. */
async function withRetries<T>(what: string, attempt: (timeoutMs: number) => Promise<T>): Promise<T> {
  const retries = Math.max(1, Math.floor(seconds("CONNECT_RETRIES", 10)));
  const delayMs = seconds("CONNECT_RETRY_DELAY", 3) * 1000;
  const timeoutMs = Math.max(1, seconds("CONNECT_TIMEOUT", 5) * 1000);
  for (let i = 1; ; i++) {
    try {
      return await attempt(timeoutMs);
    } catch (e) {
      const reason = (e as Error).message || String(e);
      if (i >= retries) throw new Error(`${what}: no answer after ${retries} attempt(s): ${reason}`);
      say(`${what}: attempt ${i}/${retries} failed (${reason}); retrying in ${delayMs / 1000}s`);
      await sleep(delayMs);
    }
  }
}

async function checkPostgres(): Promise<void> {
  const url = required("DATABASE_URL");
  const { connectionString } = splitDatabaseUrl(url);
  const row = await withRetries(`PostgreSQL at ${describeUrl(url)} (SELECT 1)`, async (timeoutMs) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
    client.on("error", () => {}); // a dropped connection is reported by the query below
    try {
      await client.connect();
      await client.query("SELECT 1");
      const { rows } = await client.query<{ version: string; database: string }>(
        "SELECT current_setting('server_version_num') AS version, current_database() AS database",
      );
      return rows[0] as { version: string; database: string };
    } finally {
      await client.end().catch(() => {});
    }
  });
  // server_version_num is e.g. 180004: the major version is everything above the last four digits.
  console.log(Math.floor(Number(row.version) / 10_000));
  console.log(row.database);
}

interface MongoClientLike {
  connect(): Promise<unknown>;
  db(name: string): { command(cmd: object): Promise<unknown> };
  close(): Promise<void>;
}

async function checkMongo(): Promise<void> {
  const uri = required("MONGODB_URI");
  // The driver the web app itself uses (mongoose's), so the check speaks what production speaks.
  const fromWeb = createRequire(path.join(repoRoot, "apps/web/package.json"));
  const { MongoClient } = createRequire(fromWeb.resolve("mongoose"))("mongodb") as {
    MongoClient: new (uri: string, opts: object) => MongoClientLike;
  };
  await withRetries(`MongoDB at ${describeUrl(uri)} (ping)`, async (timeoutMs) => {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
    try {
      await client.connect();
      await client.db("admin").command({ ping: 1 });
    } finally {
      await client.close().catch(() => {});
    }
  });
}

async function pending(): Promise<void> {
  const s = await status(repoMigrator(required("DATABASE_URL")));
  if (s.failed.length) {
    throw new Error(
      `failed migration(s) must be resolved before deploying: ${s.failed.join(", ")} ` +
        "(fix the database, then `pnpm db:resolve --rolled-back NAME` to re-run it or `--applied NAME`)",
    );
  }
  if (s.modified.length) say(`WARNING: applied migrations changed since they ran: ${s.modified.join(", ")}`);
  if (s.missingFromRepo.length) {
    say(`WARNING: the database has migrations this checkout lacks: ${s.missingFromRepo.join(", ")} (older code?)`);
  }
  for (const name of s.pending) console.log(name);
}

// libpq's URL parameters we pass on; anything else (Prisma's schema, connection_limit, …) is dropped.
const libpqParams: Record<string, string> = {
  host: "PGHOST",
  port: "PGPORT",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  application_name: "PGAPPNAME",
  connect_timeout: "PGCONNECT_TIMEOUT",
  options: "PGOPTIONS",
  target_session_attrs: "PGTARGETSESSIONATTRS",
};

/** DATABASE_URL as libpq environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, …). */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  const set = (name: string, value: string) => {
    if (value) env[name] = value;
  };
  set("PGHOST", url.hostname.replace(/^\[(.*)\]$/, "$1")); // IPv6 literals come bracketed
  set("PGPORT", url.port);
  set("PGUSER", decodeURIComponent(url.username));
  set("PGPASSWORD", decodeURIComponent(url.password));
  set("PGDATABASE", decodeURIComponent(url.pathname.slice(1)));
  for (const [param, value] of url.searchParams) {
    const name = libpqParams[param];
    if (name) set(name, value);
  }
  return env;
}

function runWithLibpq(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, ...libpqEnv(required("DATABASE_URL")) },
  });
  return new Promise((resolve, reject) => {
    child.once("error", (e) => reject(new Error(`${command}: ${e.message}`)));
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function ready(name: string, port: string, pid: string, deadline: number): Promise<void> {
  const get = (route: string) => fetch(`http://127.0.0.1:${port}${route}`, { signal: AbortSignal.timeout(10_000) });
  let last = "no answer yet";
  for (;;) {
    try {
      process.kill(Number(pid), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") throw new Error(`${name} exited before it answered`);
    }
    try {
      const res = await get("/api/health/ready");
      if (res.ok) {
        say(`${name} is ready on port ${port}`);
        return;
      }
      // The per-dependency report says what is missing; it holds no URLs or secrets.
      last = `/api/health/ready answered HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within READY_TIMEOUT (${last})`);
    await sleep(1000);
  }
}

async function main([command, ...args]: string[]): Promise<number> {
  switch (command) {
    case "postgres":
      await checkPostgres();
      return 0;
    case "mongo":
      await checkMongo();
      return 0;
    case "pending":
      await pending();
      return 0;
    case "libpq":
      if (!args[0]) throw new Error("libpq needs a command");
      return runWithLibpq(args[0], args.slice(1));
    case "ready": {
      if (args.length === 0 || args.length % 3) throw new Error("ready needs NAME PORT PID, once per app");
      const deadline = Date.now() + seconds("READY_TIMEOUT", 120) * 1000;
      const apps = Array.from(
        { length: args.length / 3 },
        (_, i) => args.slice(i * 3, i * 3 + 3) as [string, string, string],
      );
      await Promise.all(apps.map(([name, port, pid]) => ready(name, port, pid, deadline)));
      return 0;
    }
    default:
      throw new Error(`unknown command "${command ?? ""}"`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      say(`ERROR: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
