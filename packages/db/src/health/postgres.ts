import { type Db, prisma, replicaSet } from "../client";
import { parseDbEnv, splitDatabaseUrl } from "../env";
import { outboxRepository } from "../outbox/dispatch";
import { type Check, readiness, readinessResponse } from "./readiness";

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** SELECT 1 through the app's own client (its pool, its role). */
export function postgresCheck(db: Db = prisma): Check {
  return async () => {
    await db.$queryRaw`SELECT 1`;
    return { ok: true };
  };
}

/**
 * The build's newest migration (`expected`) is applied: finished and not rolled back. A database
 * ahead of the build (a newer deploy's additive migrations) is still ready. The table lives in the
 * URL's `?schema=` (Prisma's convention, public by default); the app's role needs SELECT on it.
 */
export function migrationLevelCheck(expected: string, db: Db = prisma, databaseUrl?: string): Check {
  return async () => {
    const { schema } = splitDatabaseUrl(databaseUrl ?? parseDbEnv().DATABASE_URL);
    const table = `${quoteIdent(schema)}."_prisma_migrations"`;
    const [row] = await db.$queryRawUnsafe<{ applied: boolean; newest: string | null; failed: number }[]>(
      `SELECT bool_or(migration_name = $1) AS applied,
              max(migration_name) AS newest,
              count(*) FILTER (WHERE finished_at IS NULL)::int AS failed
         FROM ${table} WHERE rolled_back_at IS NULL`,
      expected,
    );
    const applied = row?.applied === true;
    const failed = row?.failed ?? 0;
    const details = { expected, newestApplied: row?.newest ?? null, failed };
    if (failed > 0) return { ok: false, error: `${failed} migration(s) failed and are unresolved`, details };
    return applied ? { ok: true, details } : { ok: false, error: `${expected} is not applied`, details };
  };
}

/**
 * Outbox backlog: age of the oldest undelivered, unparked event and the parked count. Reported, not
 * judged: a backlog means web is down or slow, and taking pets out of rotation would not help.
 */
export function outboxCheck(db: Db = prisma, now: () => Date = () => new Date()): Check {
  return async () => {
    const { undelivered, parked, oldestUndeliveredMs } = await outboxRepository(db).stats(now());
    return {
      ok: true,
      details: { undelivered, lagSeconds: Math.round((oldestUndeliveredMs ?? 0) / 1000), parked },
    };
  };
}

/**
 * Each replica's lag and whether reads use it. Reported, never a reason for 503: reads fall back to the
 * primary, whose own check decides readiness.
 */
export function replicasCheck(db: Db = prisma): Check {
  return async () => ({ ok: true, details: { replicas: replicaSet(db)?.status() ?? [] } });
}

const unknownLevel: Check = async () => ({ ok: false, error: "this build does not know its migration level" });

/**
 * Both apps' `/api/health/ready`: PostgreSQL answers, the database has this build's newest migration
 * (`level`, null when the build does not know it: never ready), then the app's own `checks`.
 */
export async function readyResponse(level: string | null, checks: Record<string, Check>): Promise<Response> {
  return readinessResponse(
    await readiness({
      postgres: postgresCheck(),
      migrations: level ? migrationLevelCheck(level) : unknownLevel,
      ...(replicaSet() ? { replicas: replicasCheck() } : {}),
      ...checks,
    }),
  );
}
