// Background jobs of a web server process, started once from instrumentation.ts: account
// deletions that failed midway are resumed until they finish. croner schedules, as in pets; the
// saga is idempotent, so instances running it at once only repeat finished steps' no-ops.

import { log } from "@burrow/observability/log";
import { parseServiceAuthEnv } from "@burrow/service-auth";
import { Cron } from "croner";
import { env } from "../../env";
import { deletionDeps } from "../account-deletion/deps";
import { resumeAccountDeletions } from "../account-deletion/saga";

export function startJobs(): void {
  // `next build` loads the instrumentation hook while it prerenders pages: no jobs there.
  if (env("NEXT_PHASE") === "phase-production-build") return;
  // The internal API's and the unsubscribe links' secrets are checked when the server starts, not at
  // the first call or e-mail that needs them.
  parseServiceAuthEnv();
  env("UNSUBSCRIBE_SECRET");
  new Cron(
    "* * * * * *",
    {
      interval: env("DELETION_RESUME_INTERVAL_SECONDS"),
      protect: true,
      unref: true,
      catch: (error) => log.error({ component: "account-deletion", err: error }, "resume failed"),
    },
    async () => {
      const { resumed, finished } = await resumeAccountDeletions(deletionDeps());
      if (resumed > 0) log.info({ component: "account-deletion", resumed, finished }, "unfinished deletions resumed");
    },
  );
}
