// Background jobs of a pets server process, started once from instrumentation.ts.
import { env } from "../../env";
import { startSweeper } from "./sweeper";

export function startJobs(): void {
  // `next build` loads the instrumentation hook while it prerenders pages: no jobs there.
  if (env("NEXT_PHASE") === "phase-production-build") return;
  // Runs for the life of the process; a sweep cut off by shutdown rolls back and is redone by the next.
  startSweeper({ intervalSeconds: env("SWEEP_INTERVAL_SECONDS") });
}
