// A throwaway PostgreSQL cluster from Debian's packaged binaries, for tests that need pg_dump:
// it refuses a server newer than itself, embedded PostgreSQL 18 ships none, and Debian
// bookworm's client tools are PostgreSQL 15. So the test server is 15 too, installed with
// apt-get (root) when missing. Never the machine's own cluster on 5432: a fresh machine has none.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { initCluster, postgresBinaries, startServer } from "@burrow/testing/postgres";
import { freePort } from "@burrow/testing/services";
import pg from "pg";

export const DEBIAN_PG_MAJOR = 15;
export const debianPgBin = `/usr/lib/postgresql/${DEBIAN_PG_MAJOR}/bin`;

/** Installs postgresql-15 (server, contrib, client tools) unless present; throws when that needs root. */
export function ensureDebianPostgres(): void {
  if (["postgres", "initdb", "pg_dump", "pg_restore"].every((b) => existsSync(path.join(debianPgBin, b)))) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `PostgreSQL ${DEBIAN_PG_MAJOR} binaries are missing from ${debianPgBin} and installing them needs root: ` +
        `apt-get install postgresql-${DEBIAN_PG_MAJOR}`,
    );
  }
  console.log(`[debian-postgres] installing postgresql-${DEBIAN_PG_MAJOR} with apt-get (first run only)`);
  const apt = (...args: string[]) =>
    execFileSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt("update");
  apt("install", "-y", "--no-install-recommends", "postgresql-common");
  // The server package would create and start a "main" cluster on port 5432; we want only ours.
  const conf = "/etc/postgresql-common/createcluster.conf";
  const original = readFileSync(conf, "utf8");
  writeFileSync(conf, `${original}\ncreate_main_cluster = false\n`);
  try {
    apt(
      "install",
      "-y",
      "--no-install-recommends",
      `postgresql-${DEBIAN_PG_MAJOR}`,
      `postgresql-client-${DEBIAN_PG_MAJOR}`,
    );
  } finally {
    writeFileSync(conf, original);
  }
}

export interface DebianPostgres {
  /** postgresql://postgres:…@127.0.0.1:PORT/burrow */
  url: string;
  stop(): Promise<void>;
}

/** initdb + postgres on a free port, data in a temp folder; an empty `burrow` database. */
export async function startDebianPostgres(): Promise<DebianPostgres> {
  ensureDebianPostgres();
  // As root the server must run as an unprivileged user: the one the embedded server uses.
  const owner = process.getuid?.() === 0 ? postgresBinaries().owner : undefined;
  const binaries = { bin: debianPgBin, version: String(DEBIAN_PG_MAJOR), owner };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `burrow-pg${DEBIAN_PG_MAJOR}-`));
  const password = "burrow";
  initCluster(binaries, dataDir, password);
  const port = await freePort();
  const server = await startServer(binaries, dataDir, port, ["-c", "fsync=off", "-c", "synchronous_commit=off"]);
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  await admin.query("CREATE DATABASE burrow");
  await admin.end();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/burrow`,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
