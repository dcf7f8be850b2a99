// The contract both apps' health routes keep, run by each app's route test against the real test
// services: live answers without dependencies; ready is 200 on the migrated test database, names its
// checks, leaks no connection details, and is 503 when the build's migration level is not applied or
// unknown. Kept apart from the package entry because it registers vitest tests.

import { parseDbEnv } from "@burrow/db/env";
import { lifecycle } from "@burrow/http/lifecycle";
import { migrationsDir, readMigrations } from "@burrow/migrations";
import { afterEach, describe, expect, it, vi } from "vitest";

export interface HealthRoutes {
  app: "web" | "pets";
  live: () => Response;
  ready: () => Promise<Response>;
  /** The dependency checks ready reports, in order. */
  checks: string[];
}

export function healthRouteContract({ app, live, ready, checks }: HealthRoutes): void {
  const newest = readMigrations(migrationsDir).at(-1)?.name as string;
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe(`/api/health (${app})`, () => {
    it("live answers 200 without touching a dependency", async () => {
      const response = live();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "live", uptimeSeconds: expect.any(Number) });
    });

    it("ready answers 200 with every dependency ok on the migrated test database", async () => {
      vi.stubEnv("BURROW_MIGRATION_LEVEL", newest);
      const response = await ready();
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(body.status).toBe("ready");
      expect(Object.keys(body.checks)).toEqual(checks);
      for (const check of Object.values(body.checks) as { status: string; latencyMs: number }[]) {
        expect(check).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
      }
      expect(body.checks.migrations).toMatchObject({ expected: newest, failed: 0 });
      // No connection strings, hosts or credentials.
      const text = JSON.stringify(body);
      const db = new URL(parseDbEnv().DATABASE_URL);
      for (const secret of ["postgresql://", "mongodb://", db.host, `:${db.password}@`]) {
        expect(text).not.toContain(secret);
      }
    });

    it("ready answers 503 when the build's newest migration is not in _prisma_migrations", async () => {
      vi.stubEnv("BURROW_MIGRATION_LEVEL", "29991231235959_not_yet_deployed");
      const response = await ready();
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

    it("ready answers 503 once the process is shutting down, with every dependency still ok", async () => {
      vi.stubEnv("BURROW_MIGRATION_LEVEL", newest);
      lifecycle().draining = true;
      try {
        const response = await ready();
        expect(response.status).toBe(503);
        const body = await response.json();
        expect(body.checks.shutdown).toMatchObject({ status: "fail", error: "shutting down" });
        expect(body.checks.postgres.status).toBe("ok");
      } finally {
        lifecycle().draining = false;
      }
    });

    it("ready answers 503 when the build does not know its migration level", async () => {
      vi.stubEnv("BURROW_MIGRATION_LEVEL", undefined);
      const response = await ready();
      expect(response.status).toBe(503);
      expect((await response.json()).checks.migrations).toMatchObject({
        status: "fail",
        error: "this build does not know its migration level",
      });
    });
  });
}
