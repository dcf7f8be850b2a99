import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { E2E_ADMIN_EMAILS } from "./e2e/auth";
import { E2E_METRICS_TOKEN } from "./e2e/metrics";
import { LOG_DIR, serverLog } from "./e2e/server-logs";
import { instances, pets, web } from "./e2e/urls";

// Both apps get every service URL and each other's public URL, so cross-app links resolve, and
// the same auth settings (one AUTH_SECRET, SERVICE_TOKEN_SECRET and UNSUBSCRIBE_SECRET, the mail catcher test-all started as EMAIL_SERVER, the object storage's S3_*).
const appEnv = Object.fromEntries(
  Object.entries({
    MONGODB_URI: process.env.MONGODB_URI,
    WEB_URL: web.url,
    PETS_URL: pets.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    SERVICE_TOKEN_SECRET: process.env.SERVICE_TOKEN_SECRET ?? randomBytes(32).toString("base64url"),
    UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET ?? randomBytes(32).toString("base64url"),
    EMAIL_SERVER: process.env.EMAIL_SERVER,
    EMAIL_FROM: process.env.EMAIL_FROM,
    S3_ENDPOINT: process.env.S3_ENDPOINT,
    S3_BUCKET: process.env.S3_BUCKET,
    S3_REGION: process.env.S3_REGION,
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY,
    S3_PUBLIC_URL: process.env.S3_PUBLIC_URL,
    ADMIN_EMAILS: E2E_ADMIN_EMAILS,
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    NEXT_TELEMETRY_DISABLED: "1",
  }).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

// Each app connects as its least-privilege LOGIN role (scripts/lib/app-roles.ts), never as the owner
// the fixtures use (DATABASE_URL): a write an app does not own fails the suite.
/**
 * Each app as `instances` instances of `next start` behind HAProxy on the app's port (round-robin, no
 * sticky sessions), their stdout and stderr also written to a log file (e2e/server-logs.ts); stderr
 * still reaches Playwright's output.
 */
const start = (app: "web" | "pets") =>
  `mkdir -p '${LOG_DIR}' && (node --import tsx scripts/app-instances.ts ${app} --instances ${instances} 2>&1 >'${serverLog(app)}' | tee -a '${serverLog(app)}' >&2)`;

function appDatabaseUrl(name: "WEB_DATABASE_URL" | "PETS_DATABASE_URL"): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: \`pnpm e2e:local\` creates the apps' database roles and sets it`);
  return url;
}

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    trace: "retain-on-failure",
    // Debian's Chromium: Playwright's own browser download cannot run on these machines.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // `next start` of builds made beforehand (`pnpm build`): the suite tests what ships, as it ships:
  // WEB_URL and PETS_URL are the proxies'.
  webServer: [
    {
      command: start("web"),
      url: `http://localhost:${web.port}/`,
      env: { ...appEnv, DATABASE_URL: appDatabaseUrl("WEB_DATABASE_URL"), PORT: String(web.port) },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: start("pets"),
      url: `http://localhost:${pets.port}/`,
      env: { ...appEnv, DATABASE_URL: appDatabaseUrl("PETS_DATABASE_URL"), PORT: String(pets.port) },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
