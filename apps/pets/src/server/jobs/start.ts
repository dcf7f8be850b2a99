// Background jobs of a pets server process, started once from instrumentation.ts.
import { messageListener, prisma } from "@burrow/db";
import { onShutdown } from "@burrow/http/lifecycle";
import { log } from "@burrow/observability/log";
import { parseServiceAuthEnv, signServiceToken } from "@burrow/service-auth";
import { env } from "../../env";
import { httpSender, startDispatcher } from "../outbox/dispatcher";
import { photos } from "../photos";
import { startPhotoSweeper } from "./photo-sweeper";
import { startSweeper } from "./sweeper";

export function startJobs(): void {
  // `next build` loads the instrumentation hook while it prerenders pages: no jobs there.
  if (env("NEXT_PHASE") === "phase-production-build") return;
  // The internal API's secret is checked when the server starts, not at the first internal call.
  parseServiceAuthEnv();
  // So are the object storage's S3_* variables.
  photos();
  const sweeper = startSweeper({ intervalSeconds: env("SWEEP_INTERVAL_SECONDS") });
  const photoSweeper = startPhotoSweeper();
  const dispatcher = startDispatcher({
    send: httpSender({
      url: new URL("/api/internal/events", env("WEB_URL")).toString(),
      token: () => signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 }),
      timeoutMs: 10_000,
    }),
    idleMs: env("OUTBOX_IDLE_MS"),
    log: (line) => log.info({ component: "outbox" }, line),
  });
  // On shutdown (burrow-next-start) neither starts another round and the current sweep and outbox
  // batch finish (a process killed midway rolls its round back: the next one does it again); then
  // the pool and the LISTEN connection close.
  onShutdown("stop", async () => {
    await Promise.all([sweeper.stop(), photoSweeper.stop(), dispatcher.stop()]);
  });
  onShutdown("close", async () => {
    await Promise.all([prisma.$disconnect(), messageListener().close()]);
  });
}
