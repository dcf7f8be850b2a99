// Background jobs of a web server process, started once from instrumentation.ts: account
// deletions that failed midway are resumed until they finish. croner schedules, as in pets; every
// instance runs it, and a per-user advisory lock lets one instance resume each user's deletion.
// On shutdown (burrow-next-start) the job takes no new round and the current one finishes; then the
// PostgreSQL pool and the MongoDB connection close.
import { prisma, replicaSet } from "@burrow/db";
import { onShutdown } from "@burrow/http/lifecycle";
import { log } from "@burrow/observability/log";
import { parseServiceAuthEnv } from "@burrow/service-auth";
import { Cron } from "croner";
import { env } from "../../env";
import { deletionDeps } from "../account-deletion/deps";
import { resumeAccountDeletions } from "../account-deletion/saga";
import { disconnectMongo } from "../mongo/connection";

/**
 * Refuses to start (exit 1, naming DATABASE_REPLICA_URLS) when a configured replica is a primary; a
 * malformed list fails the same way. A replica that is down only gets skipped.
 */
export async function checkReplicas(): Promise<void> {
  if (env("NEXT_PHASE") === "phase-production-build") return;
  try {
    await replicaSet()?.verify();
  } catch (error) {
    log.fatal({ component: "replicas", err: error }, "refusing to start");
    process.exit(1);
  }
}

export function startJobs(): void {
  // `next build` loads the instrumentation hook while it prerenders pages: no jobs there.
  if (env("NEXT_PHASE") === "phase-production-build") return;
  // The internal API's and the unsubscribe links' secrets are checked when the server starts, not at
  // the first call or e-mail that needs them.
  parseServiceAuthEnv();
  env("UNSUBSCRIBE_SECRET");
  let current: Promise<void> = Promise.resolve();
  const resume = async () => {
    const { resumed, finished } = await resumeAccountDeletions(deletionDeps());
    if (resumed > 0) log.info({ component: "account-deletion", resumed, finished }, "unfinished deletions resumed");
  };
  const job = new Cron(
    "* * * * * *",
    {
      interval: env("DELETION_RESUME_INTERVAL_SECONDS"),
      protect: true,
      unref: true,
      catch: (error) => log.error({ component: "account-deletion", err: error }, "resume failed"),
    },
    () => {
      current = resume();
      return current;
    },
  );
  onShutdown("stop", async () => {
    job.stop();
    // A failed round was already logged by `catch`.
    await current.catch(() => {});
  });
  onShutdown("close", async () => {
    await Promise.all([prisma.$disconnect(), disconnectMongo(), replicaSet()?.close()]);
  });
}
