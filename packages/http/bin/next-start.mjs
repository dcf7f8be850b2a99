#!/usr/bin/env node
// `next start` for the app in the current directory, with a graceful stop. Next's own SIGTERM handler
// closes the listener at once and exits 143 without waiting for background work; this entry runs the
// same production server (Next's custom-server API, same request handler) and on SIGTERM/SIGINT:
//   1. marks the process draining (readiness answers 503), for SHUTDOWN_DRAIN_SECONDS so a load
//      balancer's health check takes it out of rotation while it still answers;
//   2. stops listening, lets in-flight requests finish (idle keep-alive connections close), and runs
//      the app's `stop` hooks at the same time (jobs take nothing new, the current batch finishes);
//   3. runs the `close` hooks (connection pools), and exits 0.
// Everything after the signal is bounded by SHUTDOWN_GRACE_SECONDS: past it, open connections are cut
// and the exit status is 1. The hooks live on the globalThis slot @burrow/http/lifecycle fills.
//
//   burrow-next-start [--port N]      (PORT otherwise, then 3000)
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const seconds = (name, max, fallback) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .min(0, { error: `${name} must be between 0 and ${max}` })
    .max(max, { error: `${name} must be between 0 and ${max}` })
    .default(fallback);

const ServerEnv = z.object({
  PORT: z.coerce.number({ error: "PORT must be a port number" }).int().min(1).max(65_535).default(3000),
  HOSTNAME: z.string().optional(),
  SHUTDOWN_GRACE_SECONDS: seconds("SHUTDOWN_GRACE_SECONDS", 600, 30).refine((s) => s > 0, {
    error: "SHUTDOWN_GRACE_SECONDS must be more than 0",
  }),
  SHUTDOWN_DRAIN_SECONDS: seconds("SHUTDOWN_DRAIN_SECONDS", 120, 0),
});

const { values } = parseArgs({ options: { port: { type: "string" } } });
const parsed = ServerEnv.safeParse({ ...process.env, ...(values.port ? { PORT: values.port } : {}) });
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`burrow-next-start: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;
if (env.SHUTDOWN_DRAIN_SECONDS >= env.SHUTDOWN_GRACE_SECONDS) {
  console.error("burrow-next-start: SHUTDOWN_DRAIN_SECONDS must be shorter than SHUTDOWN_GRACE_SECONDS");
  process.exit(2);
}

process.env.NODE_ENV ??= "production";
const dir = process.cwd();
// `next` as the app resolves it (this package does not depend on it).
const nextModule = createRequire(path.join(dir, "package.json"))("next");
const next = nextModule.default ?? nextModule;

const KEY = Symbol.for("burrow.lifecycle");
globalThis[KEY] ??= { draining: false, stop: [], close: [], stopping: new AbortController() };
const lifecycle = globalThis[KEY];

const app = next({ dev: false, dir, port: env.PORT, hostname: env.HOSTNAME });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  // While draining, answers tell keep-alive clients (proxies) to open their next request elsewhere.
  if (lifecycle.draining) res.setHeader("connection", "close");
  handle(req, res);
});
await new Promise((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
console.log(`burrow-next-start: ${path.basename(dir)} ready on port ${env.PORT} (pid ${process.pid})`);

const log = (line) => console.log(`burrow-next-start: ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const runHooks = async (phase) => {
  const results = await Promise.allSettled(lifecycle[phase].map((hook) => hook()));
  for (const r of results) if (r.status === "rejected") log(`${phase} hook failed: ${r.reason?.message ?? r.reason}`);
};

let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  const started = Date.now();
  const deadline = started + env.SHUTDOWN_GRACE_SECONDS * 1000;
  log(`${signal}: draining (readiness 503) for ${env.SHUTDOWN_DRAIN_SECONDS} s, then stopping`);
  lifecycle.draining = true;
  await sleep(env.SHUTDOWN_DRAIN_SECONDS * 1000);

  const closed = new Promise((resolve) => server.close(resolve));
  lifecycle.stopping.abort();
  // Connections that finish their request while we wait close as soon as they are idle.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  const graceLeft = () => Math.max(0, deadline - Date.now());
  const timeout = (what) =>
    new Promise((resolve) => setTimeout(() => resolve(`timeout: ${what}`), graceLeft()).unref());
  let clean = true;
  const drained = await Promise.race([Promise.all([closed, runHooks("stop")]), timeout("requests and jobs")]);
  clearInterval(idle);
  if (typeof drained === "string") {
    clean = false;
    log(`${drained} after ${env.SHUTDOWN_GRACE_SECONDS} s: cutting the open connections`);
    server.closeAllConnections();
  }
  const pools = await Promise.race([Promise.all([runHooks("close"), app.close?.()]), timeout("closing pools")]);
  if (typeof pools === "string") clean = false;
  log(`stopped in ${Date.now() - started} ms${clean ? "" : " (grace period exceeded)"}`);
  process.exit(clean ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
