// scripts/start-production.sh end to end: configuration errors, unreachable services, the backup
// (restored with pg_restore), migrations, one real production build, both apps answering, and
// SIGTERM. The database is a throwaway PostgreSQL 15 cluster from Debian's packages (the backup
// needs a pg_dump at least as new as the server, and Debian bookworm's is 15); MongoDB is the
// integration project's Mongo-wire server. Every process the script starts carries a marker in
// its environment, so the tests can prove none outlives it (and kill any that would).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { deploy, migrationsDir, readMigrations, repoMigrator, status } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { tempDir } from "@burrow/testing";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEBIAN_PG_MAJOR,
  type DebianPostgres,
  debianPgBin,
  startDebianPostgres,
} from "./lib/production/debian-postgres";
import { freePort, repoRoot } from "./lib/services";

const script = path.join(repoRoot, "scripts/start-production.sh");
const MARKER = "BURROW_START_PRODUCTION_TEST";
const marker = randomBytes(6).toString("hex");

// The test's own Burrow settings must not leak into the script: each run gets exactly what it sets.
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !/^(DATABASE_|MIGRATE_DATABASE_URL$|MONGODB_|AUTH_|SERVICE_TOKEN_|EMAIL_|WEB_|PETS_|PORT$|NODE_ENV$|BACKUP_DIR$|SKIP_|PG|CONNECT_|READY_|STOP_|VITEST)/.test(
        k,
      ),
  ),
);

let pg15: DebianPostgres;
let backupDir: string;
let webPort: number;
let petsPort: number;
let env: Record<string, string>;
let tablesBeforeDeploy: string[];
let appliedBeforeDeploy: number;
let newestMigration: string;

function envWith(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...inherited, ...env, ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete merged[k];
  return merged;
}

interface Run {
  proc: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

const runs: Run[] = [];

function start(args: string[], runEnv: NodeJS.ProcessEnv): Run {
  const proc = spawn("bash", [script, ...args], { cwd: repoRoot, env: runEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters) w();
  };
  proc.stdout?.on("data", onData);
  proc.stderr?.on("data", onData);
  const exit = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const run: Run = {
    proc,
    output: () => out,
    exit,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) done(() => resolve(m));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${pattern}\n${out}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        void exit.then(() => done(() => reject(new Error(`script exited before ${pattern}:\n${out}`))));
        check();
      }),
  };
  runs.push(run);
  return run;
}

/** Resolves to the exit code, or rejects when the script is still running after `ms`. */
function exitWithin(run: Run, ms: number): Promise<number | null> {
  return Promise.race([
    run.exit,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${run.output()}`)), ms),
    ),
  ]);
}

function runSync(args: string[], runEnv: NodeJS.ProcessEnv) {
  const r = spawnSync("bash", [script, ...args], { cwd: repoRoot, env: runEnv, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every live process started with this file's marker in its environment ("pid command"). */
function markedProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`${MARKER}=${marker}`)) continue;
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`);
    } catch {} // gone, or a kernel thread
  }
  return found;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** The app's readiness endpoint. */
async function appStatus(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status;
}

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

async function scalar<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] as object)[0] as T;
  } finally {
    await client.end();
  }
}

const backups = () => readdirSync(backupDir);

beforeAll(async () => {
  pg15 = await startDebianPostgres(); // installs postgresql-15 with apt-get on a fresh machine
  // Everything but the newest migration is applied: the backup has tables and _prisma_migrations
  // rows to restore, and the script has exactly one migration to apply after taking it.
  const allButNewest = tempDir("burrow-prod-migrations-");
  const migrations = readMigrations(migrationsDir);
  for (const { name } of migrations.slice(0, -1)) {
    cpSync(path.join(migrationsDir, name), path.join(allButNewest, name), { recursive: true });
  }
  await deploy({ ...repoMigrator(pg15.url), migrationsDir: allButNewest });
  tablesBeforeDeploy = await tables(pg15.url);
  appliedBeforeDeploy = migrations.length - 1;
  newestMigration = migrations.at(-1)?.name as string;

  backupDir = tempDir("burrow-prod-backups-");
  [webPort, petsPort] = [await freePort(), await freePort()];
  env = {
    [MARKER]: marker,
    DATABASE_URL: pg15.url,
    MONGODB_URI: process.env.MONGODB_URI as string,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SERVICE_TOKEN_SECRET: randomBytes(32).toString("base64url"),
    UNSUBSCRIBE_SECRET: randomBytes(32).toString("base64url"),
    EMAIL_SERVER: "smtp://127.0.0.1:2525", // nothing signs in here, so nothing is sent
    EMAIL_FROM: "Burrow <no-reply@burrow.test>",
    WEB_URL: `http://localhost:${webPort}`,
    PETS_URL: `http://localhost:${petsPort}`,
    WEB_PORT: String(webPort),
    PETS_PORT: String(petsPort),
    BACKUP_DIR: backupDir,
    CONNECT_RETRIES: "3",
    CONNECT_RETRY_DELAY: "0.2",
    CONNECT_TIMEOUT: "2",
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
  };
}, 600_000);

// A failed test must not leave a script or an app running: SIGTERM, then SIGKILL whatever remains.
afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.proc.exitCode !== null || run.proc.signalCode !== null) continue;
    run.proc.kill("SIGTERM");
    await exitWithin(run, 40_000).catch(() => run.proc.kill("SIGKILL"));
  }
  for (const line of markedProcesses()) process.kill(Number(line.split(" ")[0]), "SIGKILL");
});

afterAll(async () => {
  await pg15?.stop();
});

describe("scripts/start-production.sh", () => {
  it.each([
    "DATABASE_URL",
    "MONGODB_URI",
    "AUTH_SECRET",
    "SERVICE_TOKEN_SECRET",
    "UNSUBSCRIBE_SECRET",
    "EMAIL_SERVER",
    "EMAIL_FROM",
    "WEB_URL",
    "PETS_URL",
    "BACKUP_DIR",
  ])("refuses to start without %s, naming it", (name) => {
    const r = runSync(["all"], envWith({ [name]: undefined }));
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${name} is not set`);
    expect(r.out.match(/is not set/g)).toHaveLength(1);
  });

  it("names malformed variables and unknown targets", () => {
    const r = runSync(
      ["all"],
      envWith({
        DATABASE_URL: "mysql://db/burrow",
        MIGRATE_DATABASE_URL: "db.internal:5432",
        WEB_PORT: "web",
        SERVICE_TOKEN_SECRET: "too-short",
      }),
    );
    expect(r.code).toBe(2);
    expect(r.out).toContain("DATABASE_URL must be a postgresql:// URL");
    expect(r.out).toContain("SERVICE_TOKEN_SECRET must be at least 32 characters");
    expect(r.out).toContain("MIGRATE_DATABASE_URL must be a postgresql:// URL");
    expect(r.out).toContain("WEB_PORT must be a port number");
    const target = runSync(["everything"], envWith());
    expect(target.code).toBe(2);
    expect(target.out).toContain('unknown target "everything" (expected all, web or pets)');
  });

  it("gives up on an unreachable PostgreSQL after bounded retries (pets needs no MONGODB_URI)", async () => {
    const dead = await freePort();
    const started = Date.now();
    const r = runSync(
      ["pets"],
      envWith({ DATABASE_URL: `postgresql://burrow:secret@127.0.0.1:${dead}/burrow`, MONGODB_URI: undefined }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain("attempt 1/3 failed");
    expect(r.out).toContain("attempt 2/3 failed");
    expect(r.out).toContain(`PostgreSQL at burrow@127.0.0.1:${dead}/burrow (SELECT 1): no answer after 3 attempt(s)`);
    expect(r.out).not.toContain("secret");
    expect(r.out).not.toContain("MONGODB_URI");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("gives up on an unreachable MongoDB after bounded retries", async () => {
    const dead = await freePort();
    const r = runSync(["all"], envWith({ MONGODB_URI: `mongodb://127.0.0.1:${dead}/burrow`, CONNECT_TIMEOUT: "1" }));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`MongoDB at 127.0.0.1:${dead}/burrow (ping): no answer after 3 attempt(s)`);
  });

  it("stops at once with status 143 when SIGTERM arrives during start-up", async () => {
    const dead = await freePort();
    const run = start(
      ["all"],
      envWith({
        DATABASE_URL: `postgresql://burrow@127.0.0.1:${dead}/burrow`,
        CONNECT_RETRIES: "100",
        CONNECT_RETRY_DELAY: "1",
      }),
    );
    await run.waitFor(/attempt 1\/100 failed/, 20_000);
    run.proc.kill("SIGTERM");
    expect(await exitWithin(run, 5_000)).toBe(143);
    expect(markedProcesses()).toEqual([]);
  });

  it("lets a running migration finish when SIGTERM arrives, then stops (SKIP_BACKUP=1 warns)", async () => {
    const fresh = await createScratchDatabase(pg15.url, "prod_sigterm");
    try {
      const run = start(["all"], envWith({ DATABASE_URL: fresh.url, SKIP_BACKUP: "1", BACKUP_DIR: undefined }));
      await run.waitFor(/applying migrations/, 60_000);
      run.proc.kill("SIGTERM");
      expect(await exitWithin(run, 60_000)).toBe(143);
      expect(run.output()).toContain("WARNING: SKIP_BACKUP=1: migrating without a backup");
      expect(run.output()).toContain("letting the running migration finish first");
      expect(run.output()).toContain("start-up interrupted by SIGTERM");
      const after = await status(repoMigrator(fresh.url));
      expect([after.upToDate, after.failed]).toEqual([true, []]);
      expect(markedProcesses()).toEqual([]);
    } finally {
      await fresh.drop();
    }
  }, 90_000);

  it("refuses to migrate without a backup when pg_dump is older than the server", async () => {
    // The integration project's server is embedded PostgreSQL 18; Debian's pg_dump is 15.
    const newer = await createScratchDatabase(process.env.DATABASE_URL as string, "prod_mismatch");
    try {
      const serverMajor = Math.floor(Number(await scalar<string>(newer.url, "SHOW server_version_num")) / 10_000);
      expect(serverMajor, "this test needs a server newer than the Debian pg_dump").toBeGreaterThan(DEBIAN_PG_MAJOR);
      const r = runSync(["all"], envWith({ DATABASE_URL: newer.url, PG_DUMP: path.join(debianPgBin, "pg_dump") }));
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `no usable pg_dump: the server runs PostgreSQL ${serverMajor} and pg_dump must be ${serverMajor} or newer; found: ${debianPgBin}/pg_dump (${DEBIAN_PG_MAJOR})`,
      );
      expect(await scalar(newer.url, "SELECT to_regclass('public._prisma_migrations')")).toBeNull();
      expect(backups()).toEqual([]);
    } finally {
      await newer.drop();
    }
  }, 90_000);

  it("backs up, migrates, builds and serves both apps; SIGTERM stops them and exits 0", async () => {
    const run = start(["all"], envWith());
    await run.waitFor(/Burrow is up/, 300_000);
    const out = run.output();
    expect(out).toContain(`1 pending migration(s): ${newestMigration}`);
    expect(out).toMatch(/backup written: .*\.dump/);
    expect(await appStatus(webPort)).toBe(200);
    expect(await appStatus(petsPort)).toBe(200);
    expect((await status(repoMigrator(pg15.url))).upToDate).toBe(true);

    // The backup: one complete, custom-format file that restores the pre-migration database.
    const files = backups();
    expect(files).toEqual([expect.stringMatching(/^burrow-burrow-\d{8}T\d{6}Z\.dump$/)]);
    const file = path.join(backupDir, files[0] as string);
    const list = spawnSync(path.join(debianPgBin, "pg_restore"), ["--list", file], { encoding: "utf8" });
    expect(list.status, list.stderr).toBe(0);
    const scratch = await createScratchDatabase(pg15.url, "prod_restore");
    try {
      const restore = spawnSync(
        path.join(debianPgBin, "pg_restore"),
        ["--exit-on-error", "--no-owner", `--dbname=${scratch.url}`, file],
        { encoding: "utf8" },
      );
      expect(restore.status, restore.stderr).toBe(0);
      expect(await tables(scratch.url)).toEqual(tablesBeforeDeploy);
      expect(Number(await scalar(scratch.url, "SELECT count(*) FROM _prisma_migrations"))).toBe(appliedBeforeDeploy);
    } finally {
      await scratch.drop();
    }

    run.proc.kill("SIGTERM");
    expect(await exitWithin(run, 40_000)).toBe(0);
    expect(run.output()).toContain("stopped cleanly");
    expect([await portOpen(webPort), await portOpen(petsPort)]).toEqual([false, false]);
    expect(markedProcesses()).toEqual([]);
  }, 360_000);

  it("with nothing pending skips the backup, and starts only the app asked for", async () => {
    const run = start(["pets"], envWith({ SKIP_BUILD: "1" }));
    await run.waitFor(/Burrow is up/, 60_000);
    expect(run.output()).toContain("no pending migrations: skipping the backup and migrate deploy");
    expect(run.output()).not.toContain("backing up");
    expect(backups()).toHaveLength(1);
    expect(await appStatus(petsPort)).toBe(200);
    expect(await portOpen(webPort)).toBe(false);
    run.proc.kill("SIGTERM");
    expect(await exitWithin(run, 40_000)).toBe(0);
    expect(await portOpen(petsPort)).toBe(false);
    expect(markedProcesses()).toEqual([]);
  }, 90_000);

  it("stops the other app and fails when an app dies", async () => {
    const run = start(["all"], envWith({ SKIP_BUILD: "1" }));
    await run.waitFor(/Burrow is up/, 60_000);
    const webPid = Number(run.output().match(/web started \(pid (\d+)\)/)?.[1]);
    process.kill(webPid, "SIGKILL");
    expect(await exitWithin(run, 40_000)).toBe(1);
    expect(run.output()).toContain("web exited on its own (status 137): stopping the rest");
    expect([await portOpen(webPort), await portOpen(petsPort)]).toEqual([false, false]);
    expect(markedProcesses()).toEqual([]);
  }, 90_000);
});
