// HAProxy in front of several app instances, from Debian's `haproxy` package (installed with apt-get
// when missing, like ./pgbouncer.ts; nothing is cached in git): round-robin, no sticky sessions,
// servers taken out of rotation by an HTTP health check on the readiness endpoint. Config and the
// admin socket live in a temp folder; the listener is on the given or a free port.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureDebianPackage } from "./debian";
import { freePort } from "./services";

export const HAPROXY = "/usr/sbin/haproxy";
/** A request with this header set to `app<n>` goes to the n-th backend (1-based), in rotation or not. */
export const INSTANCE_HEADER = "x-burrow-instance";
/** Every answer names the backend that gave it (`app<n>`). */
export const SERVED_BY_HEADER = "x-served-by";

/** Installs Debian's haproxy unless present; never lets the package start its own service. */
export function ensureHaproxy(): void {
  ensureDebianPackage("haproxy", HAPROXY);
}

export interface HaproxyOptions {
  /** The instances' ports on 127.0.0.1. */
  backends: number[];
  /** The proxy's port (a free one otherwise). */
  port?: number;
  /** Probed with GET; any answer but 2xx/3xx takes the server out of rotation. */
  healthPath: string;
  /** Between probes of one server; two failures mark it down, two successes up again. */
  checkIntervalMs?: number;
}

export interface ServerState {
  port: number;
  /** HAProxy's status: UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming up), MAINT… */
  status: string;
}

export interface RunningHaproxy {
  port: number;
  url: string;
  /** Each backend server's state, from the admin socket's `show stat`. */
  servers(): Promise<ServerState[]>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * The settings that let an instance leave without a failed request: its readiness turns 503 while it
 * still serves (SHUTDOWN_DRAIN_SECONDS), the probe takes it out within two intervals, and a request
 * that still meets a closed port or a closing keep-alive connection is retried on the other server
 * (`retry-on` + `option redispatch`). Requests are retried only when nothing reached the app, or the
 * app closed the connection without answering.
 */
function config(opts: Required<Omit<HaproxyOptions, "port">> & { port: number; socket: string }): string {
  const servers = opts.backends
    .map((port, i) => `  server app${i + 1} 127.0.0.1:${port} check inter ${opts.checkIntervalMs} fall 2 rise 2`)
    .join("\n");
  return `global
  maxconn 4096
  stats socket ${opts.socket} mode 600 level admin

defaults
  mode http
  timeout connect 1s
  timeout client 5m
  # Long enough for a server-sent event stream between messages.
  timeout server 5m
  timeout http-keep-alive 10s
  timeout check 3s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  option forwardfor

frontend app
  bind 127.0.0.1:${opts.port}
  default_backend instances

backend instances
  balance roundrobin
  # Tests may pick an instance (per-instance metrics) and see which one answered.
${opts.backends.map((_, i) => `  use-server app${i + 1} if { req.hdr(${INSTANCE_HEADER}) -m str app${i + 1} }`).join("\n")}
  http-response set-header ${SERVED_BY_HEADER} %s
  option httpchk
  http-check send meth GET uri ${opts.healthPath} ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
${servers}
`;
}

async function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const conn = net.connect(socket, () => conn.end(`${command}\n`));
    conn.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    conn.once("error", reject);
    conn.once("close", () => resolve(out));
  });
}

export async function startHaproxy(opts: HaproxyOptions): Promise<RunningHaproxy> {
  ensureHaproxy();
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), "burrow-haproxy-"));
  const socket = path.join(dir, "admin.sock");
  const file = path.join(dir, "haproxy.cfg");
  writeFileSync(file, config({ ...opts, checkIntervalMs: opts.checkIntervalMs ?? 500, port, socket }));
  // -db: one process in the foreground, no daemon.
  const proc: ChildProcess = spawn(HAPROXY, ["-db", "-f", file], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  proc.stdout?.on("data", collect);
  proc.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));

  const servers = async (): Promise<ServerState[]> => {
    const csv = await adminCommand(socket, "show stat");
    const [header = "", ...rows] = csv.split("\n").filter((line) => line.trim());
    const columns = header.replace(/^# /, "").split(",");
    const at = (name: string) => columns.indexOf(name);
    return rows
      .map((row) => row.split(","))
      .filter((cells) => cells[at("pxname")] === "instances" && /^app\d+$/.test(cells[at("svname")] ?? ""))
      .map((cells) => ({
        port: opts.backends[Number(cells[at("svname")]?.slice(3)) - 1] as number,
        status: cells[at("status")] ?? "",
      }));
  };

  // Ready once the admin socket answers and every server has passed its first checks.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`haproxy exited with ${proc.exitCode}:\n${output}`);
    const states = await servers().catch(() => []);
    if (states.length === opts.backends.length && states.every((s) => s.status === "UP")) break;
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`haproxy's servers were not all UP within 20 s (${JSON.stringify(states)}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    port,
    url: `http://localhost:${port}`,
    servers,
    log: () => output,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM"); // hard stop: the clients are done
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (proc.exitCode === null) proc.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
