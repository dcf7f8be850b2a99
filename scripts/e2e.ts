// `pnpm e2e:local [--no-build] [playwright args]`: only the e2e tier, with the services, migrations,
// seed and builds it needs (test-all runs the same steps among the others).

import { ensureServices, exitAfter } from "@burrow/testing/services";
import { ensureChromium } from "./lib/chromium";
import { runPlaywright } from "./lib/e2e-run";
import { pnpm, stopWhenOrphaned } from "./lib/run";

async function main(): Promise<number> {
  stopWhenOrphaned();
  const args = process.argv.slice(2);
  const build = !args.includes("--no-build");
  const { databaseUrl, mongoUri, s3 } = await ensureServices();
  const env = { NEXT_TELEMETRY_DISABLED: "1", ...s3, DATABASE_URL: databaseUrl, MONGODB_URI: mongoUri };
  ensureChromium();
  for (const step of [["db:migrate"], ["db:seed"], ...(build ? [["build"]] : [])]) {
    const code = await pnpm(step, { env });
    if (code !== 0) return code;
  }
  return runPlaywright(
    env,
    args.filter((a) => a !== "--no-build"),
  );
}

exitAfter(main());
