// The README's run command: services (given URLs, or embedded PostgreSQL + FerretDB kept in
// .cache/dev between runs), migrations, demo data, then both apps in dev mode, each under its
// least-privilege database role. A signal to this process (Ctrl-C, `kill`, a process manager) stops
// both apps' process groups, then FerretDB and PostgreSQL (scripts/lib/run.ts).
//
//   pnpm dev [--data-dir DIR]      (default .cache/dev)
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureServices, freePort, repoRoot, stopServices } from "@burrow/testing/services";
import { appDatabaseUrls } from "./lib/app-roles";
import { startAuthServices } from "./lib/auth-env";
import { pnpm, stopWhenOrphaned } from "./lib/run";

async function main() {
  stopWhenOrphaned();
  const { values } = parseArgs({ options: { "data-dir": { type: "string" } } });
  const dataDir = path.resolve(values["data-dir"] ?? path.join(repoRoot, ".cache/dev"));
  const { databaseUrl, mongoUri, s3 } = await ensureServices({ persistentIn: dataDir });
  const [webPort, petsPort] = [await freePort(3000), await freePort(3001)];
  const auth = await startAuthServices({
    useGivenEmailServer: true,
    smtpPort: await freePort(1025),
    httpPort: await freePort(1080),
  });
  const env = {
    ...auth.env,
    ...s3,
    DATABASE_URL: databaseUrl,
    MONGODB_URI: mongoUri,
    WEB_URL: `http://localhost:${webPort}`,
    PETS_URL: `http://localhost:${petsPort}`,
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
  };
  if ((await pnpm(["db:migrate"], { env })) !== 0) throw new Error("migrations failed (see above)");
  if ((await pnpm(["db:seed"], { env })) !== 0) throw new Error("seeding failed (see above)");
  const apps = await appDatabaseUrls(databaseUrl);
  console.log(
    `\n  Burrow marketplace  ${env.WEB_URL}\n  Burrow pets         ${env.PETS_URL}\n  PostgreSQL          ${databaseUrl} (apps: burrow_web_app, burrow_pets_app)\n  Mongo-wire          ${mongoUri}\n  Object storage      ${s3.S3_ENDPOINT} (bucket ${s3.S3_BUCKET})\n  Sign-in e-mails     ${auth.env.MAIL_CATCHER_URL ?? auth.env.EMAIL_SERVER}\n`,
  );
  const code = await Promise.all([
    pnpm(["-F", "@burrow/web", "dev"], { env: { ...env, DATABASE_URL: apps.web, PORT: String(webPort) } }),
    pnpm(["-F", "@burrow/pets", "dev"], { env: { ...env, DATABASE_URL: apps.pets, PORT: String(petsPort) } }),
  ]);
  await auth.catcher?.stop();
  await stopServices();
  process.exit(Math.max(...code));
}

main().catch(async (err) => {
  console.error(`[dev] ${err instanceof Error ? err.message : err}`);
  await stopServices();
  process.exit(1);
});
