// Readiness follows the real dependencies: both apps' /api/health/ready answer 503 while
// PostgreSQL or the Mongo-wire server is stopped and 200 again once it is back. The servers are
// this file's own, so stopping them leaves the other tests alone.
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deploy, migrationsDir, readMigrations, repoMigrator } from "@burrow/migrations";
import { tempDir } from "@burrow/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as petsReady } from "../apps/pets/src/app/api/health/ready/route";
import { GET as webReady } from "../apps/web/src/app/api/health/ready/route";
import { disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { freePort, launchEmbeddedPostgres, launchMongoWire } from "../scripts/lib/services";

const stamp = `${process.pid}-${Date.now()}`;
// As root the PostgreSQL server runs as the postgres user, which cannot enter a 0700 temp folder.
const pgDir = path.join(os.tmpdir(), `burrow-readiness-pg-${stamp}`);
const mongoDir = tempDir("burrow-readiness-mongo-");
let pgPort: number;
let mongoPort: number;
let stopPg: () => Promise<void>;
let stopMongo: () => Promise<void>;

const startPg = async () => {
  const started = await launchEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: "readiness" });
  stopPg = started.stop;
  return started.url;
};
const startMongo = async () => {
  const started = await launchMongoWire({ dataDir: mongoDir, port: mongoPort, database: "readiness" });
  stopMongo = started.stop;
  return started.uri;
};

beforeAll(async () => {
  [pgPort, mongoPort] = [await freePort(), await freePort()];
  const databaseUrl = await startPg();
  await deploy(repoMigrator(databaseUrl));
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("MONGODB_URI", await startMongo());
  vi.stubEnv("BURROW_MIGRATION_LEVEL", readMigrations(migrationsDir).at(-1)?.name as string);
});
afterAll(async () => {
  await disconnectMongo();
  await stopMongo();
  await stopPg();
  rmSync(pgDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

type Body = { status: string; checks: Record<string, { status: string }> };
const probe = async (ready: () => Promise<Response>) => {
  const res = await ready();
  const body = (await res.json()) as Body;
  const failing = Object.entries(body.checks)
    .filter(([, c]) => c.status !== "ok")
    .map(([name]) => name);
  return `${res.status}${failing.length ? ` (${failing.join(", ")} failing)` : ""}`;
};

describe("readiness with real dependencies going away and coming back", () => {
  it("flips to 503 and back to 200 as PostgreSQL and Mongo stop and start", async () => {
    const seen: string[] = [];
    const expectBoth = async (web: string, pets: string) => {
      await expect.poll(() => probe(webReady), { timeout: 30_000, interval: 250 }).toBe(web);
      await expect.poll(() => probe(petsReady), { timeout: 30_000, interval: 250 }).toBe(pets);
      seen.push(`web ${web}, pets ${pets}`);
    };

    await expectBoth("200", "200");
    await stopMongo();
    await expectBoth("503 (mongo failing)", "200");
    await startMongo();
    await expectBoth("200", "200");
    await stopPg();
    await expectBoth("503 (postgres, migrations failing)", "503 (postgres, migrations, outbox failing)");
    await startPg();
    await expectBoth("200", "200");
    console.log(`[readiness] ${seen.join(" → ")}`);
  });
});
