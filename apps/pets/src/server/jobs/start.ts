// Background jobs of a pets server process, started once from instrumentation.ts.

import { log } from "@burrow/observability/log";
import { parseServiceAuthEnv, signServiceToken } from "@burrow/service-auth";
import { env } from "../../env";
import { httpSender, startDispatcher } from "../outbox/dispatcher";
import { startSweeper } from "./sweeper";

export function startJobs(): void {
  // `next build` loads the instrumentation hook while it prerenders pages: no jobs there.
  if (env("NEXT_PHASE") === "phase-production-build") return;
  // The internal API's secret is checked when the server starts, not at the first internal call.
  parseServiceAuthEnv();
  // Both run for the life of the process: a sweep or a delivery round cut off by shutdown rolls
  // back and is done again by the next one.
  startSweeper({ intervalSeconds: env("SWEEP_INTERVAL_SECONDS") });
  startDispatcher({
    send: httpSender({
      url: new URL("/api/internal/events", env("WEB_URL")).toString(),
      token: () => signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 }),
      timeoutMs: 10_000,
    }),
    idleMs: env("OUTBOX_IDLE_MS"),
    log: (line) => log.info({ component: "outbox" }, line),
  });
}
