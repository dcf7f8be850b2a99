// Runs Playwright against both apps, each as two instances of `next start` behind HAProxy on free
// ports (playwright.config.ts, scripts/app-instances.ts), each app under its
// least-privilege LOGIN role, with the mail catcher the sign-in tests read. Shared by test-all and
// `pnpm e2e:local`.

import { freePort } from "@burrow/testing/services";
import { appDatabaseUrls } from "./app-roles";
import { startAuthServices } from "./auth-env";
import { pnpm } from "./run";

/**
 * Exit code of `playwright test` (extra args passed through, e.g. a spec file or `--grep`). Run after
 * migrations: `env.DATABASE_URL` is the owner's, which the fixtures keep; the apps get their roles'.
 */
export async function runPlaywright(
  env: NodeJS.ProcessEnv & { DATABASE_URL: string },
  args: string[] = [],
): Promise<number> {
  // The proxies' ports: WEB_PORT / PETS_PORT when free (engineers sharing a machine pick their own).
  const [webPort, petsPort] = [
    await freePort(Number(process.env.WEB_PORT ?? 3000)),
    await freePort(Number(process.env.PETS_PORT ?? 3001)),
  ];
  const apps = await appDatabaseUrls(env.DATABASE_URL);
  const auth = await startAuthServices({ useGivenEmailServer: false });
  try {
    return await pnpm(["exec", "playwright", "test", ...args], {
      env: {
        ...env,
        ...auth.env,
        WEB_DATABASE_URL: apps.web,
        PETS_DATABASE_URL: apps.pets,
        WEB_PORT: String(webPort),
        PETS_PORT: String(petsPort),
        WEB_URL: `http://localhost:${webPort}`,
        PETS_URL: `http://localhost:${petsPort}`,
      },
    });
  } finally {
    await auth.catcher?.stop();
  }
}
