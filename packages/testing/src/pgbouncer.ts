// PgBouncer in transaction pooling mode in front of a test's PostgreSQL, from Debian's `pgbouncer`
// package (installed with apt-get when missing, like scripts/lib/chromium.ts; nothing is cached in
// git). Config, user list and log live in a temp folder; the listener is on a free port.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureDebianPackage } from "./debian";

export const PGBOUNCER = "/usr/sbin/pgbouncer";

/** Installs Debian's pgbouncer unless present; never lets the package start its own service on 6432. */
export function ensurePgbouncer(): void {
  ensureDebianPackage("pgbouncer", PGBOUNCER);
}

export interface PgbouncerOptions {
  /** The server's URL (user, password, host, port); clients use the same user and password. */
  serverUrl: string;
  /** Server connections per (database, user) pair: what DATABASE_POOL_SIZE is to one app instance. */
  poolSize: number;
  /** Client connections PgBouncer accepts in total. */
  maxClients?: number;
}

export interface RunningPgbouncer {
  /** `serverUrl` with PgBouncer's host and port: any database name is forwarded to the server. */
  url(database: string): string;
  /** SHOW commands on the admin console (database "pgbouncer"), e.g. SHOW POOLS. */
  adminUrl: string;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

export async function startPgbouncer(opts: PgbouncerOptions): Promise<RunningPgbouncer> {
  ensurePgbouncer();
  const server = new URL(opts.serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "burrow-pgbouncer-"));
  const file = (name: string) => path.join(dir, name);
  // The user list holds the plain password: PgBouncer checks clients with SCRAM and logs in to the
  // server with it (the embedded cluster uses scram-sha-256 for everyone).
  writeFileSync(file("userlist.txt"), `${quoted(user)} ${quoted(password)}\n`, { mode: 0o600 });
  writeFileSync(
    file("pgbouncer.ini"),
    `[databases]
* = host=${server.hostname} port=${server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${file("userlist.txt")}
admin_users = ${user}
pool_mode = transaction
default_pool_size = ${opts.poolSize}
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = ${opts.maxClients ?? 200}
; As docs/pooling-and-scale.md recommends. In transaction mode the reset query does not run
; between clients (server_reset_query_always = 0): session state leaks, which the test demonstrates.
server_reset_query = DISCARD ALL
; The embedded server needs no TLS; PgBouncer's own is off too.
client_tls_sslmode = disable
server_tls_sslmode = disable
logfile = ${file("pgbouncer.log")}
`,
  );
  // PgBouncer refuses to run as root: as root, hand the folder to the OS user PostgreSQL runs as.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    for (const f of [dir, file("userlist.txt"), file("pgbouncer.ini")]) chownSync(f, uid, gid);
  }
  const proc: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ["-u", "postgres"] : []), file("pgbouncer.ini")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const log = () => `${existsSync(file("pgbouncer.log")) ? readFileSync(file("pgbouncer.log"), "utf8") : ""}${stderr}`;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));

  // Listening means ready; an exit first means a bad configuration, which the log names.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`pgbouncer exited with ${proc.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`pgbouncer did not listen on ${port} within 10 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const url = (database: string) => {
    const u = new URL(opts.serverUrl);
    u.host = `127.0.0.1:${port}`;
    u.pathname = `/${database}`;
    return u.toString();
  };
  return {
    url,
    adminUrl: url("pgbouncer"),
    log,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM"); // immediate shutdown: the test's clients are done
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (proc.exitCode === null) proc.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
