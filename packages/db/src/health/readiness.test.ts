import { describe, expect, it } from "vitest";
import { readiness, readinessResponse, safeError } from "./readiness";

const never = () => new Promise<never>(() => {});

describe("readiness", () => {
  it("is ready (200) when every check passes, with each one's latency and details", async () => {
    const result = await readiness({
      postgres: async () => ({ ok: true }),
      outbox: async () => ({ ok: true, details: { lagSeconds: 3, parked: 0 } }),
    });
    expect(result).toEqual({
      httpStatus: 200,
      body: {
        status: "ready",
        checks: {
          postgres: { status: "ok", latencyMs: expect.any(Number) },
          outbox: { status: "ok", latencyMs: expect.any(Number), lagSeconds: 3, parked: 0 },
        },
      },
    });
  });

  it("is not ready (503) when one check fails, throws or hangs; the others still report", async () => {
    const started = Date.now();
    const { httpStatus, body } = await readiness(
      {
        postgres: async () => ({ ok: true }),
        migrations: async () => ({ ok: false, error: "x is not applied", details: { expected: "x" } }),
        mongo: async () => {
          throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:27017 mongodb://user:pw@db"), {
            code: "ECONNREFUSED",
          });
        },
        slow: never,
      },
      50,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(httpStatus).toBe(503);
    expect(body.status).toBe("not ready");
    expect(body.checks).toMatchObject({
      postgres: { status: "ok" },
      migrations: { status: "fail", error: "x is not applied", expected: "x" },
      mongo: { status: "fail", error: "failed (ECONNREFUSED)" },
      slow: { status: "fail", error: "timed out after 50 ms" },
    });
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.7|mongodb:|pw/);
  });

  it("answers JSON that no cache keeps", async () => {
    const response = readinessResponse({ httpStatus: 503, body: { status: "not ready", checks: {} } });
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "not ready", checks: {} });
  });
});

describe("safeError", () => {
  it("keeps a SQLSTATE or errno name and drops messages", () => {
    expect(safeError(Object.assign(new Error("permission denied for table x"), { code: "42501" }))).toBe(
      "failed (42501)",
    );
    const prismaWrapped = Object.assign(new Error("Raw query failed"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { originalCode: "42501", originalMessage: "permission denied" } } },
    });
    expect(safeError(prismaWrapped)).toBe("failed (42501)");
    expect(safeError(new Error("password authentication failed for user secret"))).toBe("failed");
    expect(safeError({ code: "postgresql://u:p@h/db" })).toBe("failed");
    expect(safeError(null)).toBe("failed");
  });
});
