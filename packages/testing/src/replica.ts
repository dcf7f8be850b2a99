// A physical streaming standby of an embedded PostgreSQL 18 primary. The embedded binaries have no
// pg_basebackup, so this takes the base backup with the low-level API: pg_backup_start() on one
// session, a copy of the data directory (without postmaster.pid and the WAL), pg_backup_stop() on the
// same session, whose label file goes into the copy's backup_label; then standby.signal and
// primary_conninfo, and the copy starts as a hot standby streaming from the primary.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresBinaries, type RunningPostgres, startServer } from "./postgres";
import { freePort } from "./services";

export interface Replica {
  /** The primary's URL with the replica's port: same database, user and password. */
  url: string;
  port: number;
  /** Its data directory (a standby of this one: launchReplica(url, dataDir)). */
  dataDir: string;
  /** Fast shutdown; the data stays, so start() resumes streaming from where it stopped. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

/** Makes and starts a standby of the embedded primary at `primaryUrl` whose data lives in `primaryDataDir`. */
export async function launchReplica(primaryUrl: string, primaryDataDir: string): Promise<Replica> {
  const binaries = postgresBinaries();
  const primary = new URL(primaryUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), "burrow-replica-"));
  const admin = new pg.Client({ connectionString: primaryUrl });
  await admin.connect();
  try {
    await admin.query("SELECT pg_backup_start('burrow-replica', true)");
    // cp -a keeps the files' owner (the server's OS user when we are root) and modes.
    execFileSync("cp", ["-a", `${primaryDataDir}/.`, dir]);
    for (const file of ["postmaster.pid", "postmaster.opts"]) rmSync(path.join(dir, file), { force: true });
    for (const entry of readdirSync(path.join(dir, "pg_wal"))) {
      rmSync(path.join(dir, "pg_wal", entry), { recursive: true, force: true });
    }
    mkdirSync(path.join(dir, "pg_wal", "archive_status"));
    const { rows } = await admin.query<{ labelfile: string }>("SELECT labelfile FROM pg_backup_stop(true)");
    writeFileSync(path.join(dir, "backup_label"), rows[0]?.labelfile ?? "");
  } finally {
    await admin.end();
  }
  writeFileSync(path.join(dir, "standby.signal"), "");
  const conninfo = `host=127.0.0.1 port=${primary.port} user=${decodeURIComponent(primary.username)} password=${decodeURIComponent(primary.password)} application_name=burrow_replica`;
  writeFileSync(
    path.join(dir, "postgresql.auto.conf"),
    `primary_conninfo = '${conninfo}'\nhot_standby = on\nhot_standby_feedback = on\n`,
  );
  if (binaries.owner) {
    const { uid, gid } = binaries.owner;
    execFileSync("chown", ["-R", `${uid}:${gid}`, dir]);
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);

  const port = await freePort();
  let server: RunningPostgres | null = null;
  const start = async () => {
    server ??= await startServer(binaries, dir, port, ["-c", "fsync=off"]);
  };
  const stop = async () => {
    await server?.stop();
    server = null;
  };
  await start();
  const url = new URL(primaryUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    port,
    dataDir: dir,
    start,
    stop,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
