// The real health route handlers against the test services: ready on the migrated test database,
// 503 when the build's newest migration is missing from _prisma_migrations.
import { migrationsDir, readMigrations } from "@burrow/db/migrations";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { disconnectMongo } from "../../../../server/mongo/connection";
import { GET as live } from "../live/route";
import { GET } from "./route";

const newest = readMigrations(migrationsDir).at(-1)?.name as string;

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await disconnectMongo();
});

describe("/api/health (web)", () => {
  it("live answers 200 without touching a dependency", async () => {
    const response = live();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "live", uptimeSeconds: expect.any(Number) });
  });

  it("ready answers 200 with every dependency ok on the migrated test database", async () => {
    vi.stubEnv("BURROW_MIGRATION_LEVEL", newest);
    const response = await GET();
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body.status).toBe("ready");
    expect(Object.keys(body.checks)).toEqual(["postgres", "migrations", "mongo"]);
    for (const check of Object.values(body.checks) as { status: string; latencyMs: number }[]) {
      expect(check).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
    }
    expect(body.checks.migrations).toMatchObject({ expected: newest, failed: 0 });
    // No connection strings, hosts or credentials.
    const text = JSON.stringify(body);
    const db = new URL(process.env.DATABASE_URL as string);
    for (const secret of ["postgresql://", "mongodb://", db.host, `:${db.password}@`]) {
      expect(text).not.toContain(secret);
    }
  });

  it("ready answers 503 when the build's newest migration is not in _prisma_migrations", async () => {
    vi.stubEnv("BURROW_MIGRATION_LEVEL", "29991231235959_not_yet_deployed");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("not ready");
    expect(body.checks.postgres.status).toBe("ok");
    expect(body.checks.migrations).toMatchObject({
      status: "fail",
      error: "29991231235959_not_yet_deployed is not applied",
      newestApplied: newest,
    });
  });

  it("ready answers 503 when the build does not know its migration level", async () => {
    vi.stubEnv("BURROW_MIGRATION_LEVEL", undefined);
    const response = await GET();
    expect(response.status).toBe(503);
    expect((await response.json()).checks.migrations).toMatchObject({
      status: "fail",
      error: "this build does not know its migration level",
    });
  });
});
