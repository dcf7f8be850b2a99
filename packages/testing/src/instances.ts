// Several instances of one app's production build (`burrow-next-start`, as `pnpm start` runs it, on
// free ports) behind HAProxy (./haproxy.ts): what the e2e run, the SIGTERM test and bench:scale put
// their traffic through. Build the app first (`pnpm build`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { type RunningHaproxy, startHaproxy } from "./haproxy";
import { freePort, repoRoot } from "./services";

export const READY_PATH = "/api/health/ready";
const NEXT_START = path.join(repoRoot, "packages/http/bin/next-start.mjs");

export interface InstancesOptions {
  app: "web" | "pets";
  count: number;
  /** The app's environment (added to this process's); PORT is set per instance. */
  env: NodeJS.ProcessEnv;
  /** The proxy's port (a free one otherwise). */
  port?: number;
  /** "inherit": the instances write to this process's stdout/stderr; "pipe": kept for output(). */
  stdio?: "inherit" | "pipe";
  /** HAProxy's probe interval (ms). */
  checkIntervalMs?: number;
}

export interface AppInstance {
  port: number;
  pid: number;
  /** What it wrote (stdio "pipe" only). */
  output(): string;
  /** Its exit code (null after a signal). */
  exited: Promise<number | null>;
}

export interface AppInstances {
  /** The proxy's URL: what clients, WEB_URL / PETS_URL and the other app use. */
  url: string;
  port: number;
  instances: AppInstance[];
  proxy: RunningHaproxy;
  /** SIGTERM to every instance still running (each drains as in production), then the proxy. */
  stop(): Promise<void>;
}

/** Builds the app (turbo, so a later `pnpm build` hits its cache) unless it has a production build. */
export function buildIfMissing(app: "web" | "pets"): void {
  if (existsSync(path.join(repoRoot, "apps", app, ".next/BUILD_ID"))) return;
  console.log(`[instances] apps/${app} has no production build: building it (a few minutes)…`);
  execFileSync(path.join(repoRoot, "node_modules/.bin/turbo"), ["run", "build", `--filter=@burrow/${app}`], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" },
  });
}

async function untilReady(port: number, proc: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`instance on port ${port} exited with ${proc.exitCode}:\n${output()}`);
    const status = await fetch(`http://127.0.0.1:${port}${READY_PATH}`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`instance on port ${port} not ready within 120 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** This process's environment without a test runner's own variables (VITEST, VITEST_POOL_ID…). */
const ownEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));

function startInstance(opts: InstancesOptions, port: number): AppInstance & { proc: ChildProcess } {
  const pipe = opts.stdio === "pipe";
  const proc = spawn(process.execPath, [NEXT_START, "--port", String(port)], {
    cwd: path.join(repoRoot, "apps", opts.app),
    env: { ...ownEnv(), NODE_ENV: "production", ...opts.env, PORT: String(port) },
    stdio: ["ignore", pipe ? "pipe" : "inherit", pipe ? "pipe" : "inherit"],
  });
  let out = "";
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
  };
  proc.stdout?.on("data", collect);
  proc.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { port, pid: proc.pid as number, proc, output: () => out, exited };
}

async function stopInstance(instance: AppInstance & { proc: ChildProcess }): Promise<void> {
  if (instance.proc.exitCode !== null || instance.proc.signalCode !== null) return;
  instance.proc.kill("SIGTERM");
  const killed = setTimeout(() => instance.proc.kill("SIGKILL"), 60_000);
  await instance.exited;
  clearTimeout(killed);
}

/** Starts `count` instances, waits until each is ready, then puts HAProxy in front of them. */
export async function startInstances(opts: InstancesOptions): Promise<AppInstances> {
  const dir = path.join(repoRoot, "apps", opts.app);
  if (!existsSync(path.join(dir, ".next/BUILD_ID"))) {
    throw new Error(`apps/${opts.app} has no production build: run \`pnpm build\` (or buildIfMissing) first`);
  }
  const port = opts.port ?? (await freePort());
  const instances: (AppInstance & { proc: ChildProcess })[] = [];
  try {
    for (let i = 0; i < opts.count; i++) instances.push(startInstance(opts, await freePort()));
    await Promise.all(instances.map((i) => untilReady(i.port, i.proc, i.output)));
    const proxy = await startHaproxy({
      backends: instances.map((i) => i.port),
      port,
      healthPath: READY_PATH,
      checkIntervalMs: opts.checkIntervalMs,
    });
    return {
      url: proxy.url,
      port: proxy.port,
      instances,
      proxy,
      async stop() {
        await Promise.all(instances.map(stopInstance));
        await proxy.stop();
      },
    };
  } catch (error) {
    await Promise.all(instances.map(stopInstance));
    throw error;
  }
}
