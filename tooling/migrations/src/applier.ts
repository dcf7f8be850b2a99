// An offline `prisma migrate deploy|status|resolve` for PostgreSQL that writes _prisma_migrations
// exactly as Prisma does (one row per migration, its SHA-256, advisory lock 72707369), so a database
// migrated here is accepted by the stock CLI and vice versa. Tests and benchmarks use it: it migrates a
// scratch database in a second, where the CLI takes several.
import { randomUUID } from "node:crypto";
import { parseToolEnv, splitDatabaseUrl } from "@burrow/db/env";
import pg from "pg";
import { type LocalMigration, MigrationError, readMigrations, sameChecksum } from "./files";

export const ADVISORY_LOCK_KEY = 72707369;

export interface MigratorOptions {
  databaseUrl: string;
  migrationsDir: string;
  /** Schemas the datasource manages besides the URL's default one (for the P3005 emptiness check). */
  schemas?: string[];
  /** How long to wait for another migrator's advisory lock; Prisma waits 10 s. */
  lockTimeoutMs?: number;
  log?: (line: string) => void;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withMigrationSession<T>(
  opts: MigratorOptions,
  work: (ctx: { client: pg.Client; table: string; schema: string; log: (line: string) => void }) => Promise<T>,
): Promise<T> {
  const { connectionString, schema } = splitDatabaseUrl(opts.databaseUrl);
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (e) {
    throw new MigrationError("P1001", `Can't reach the database server: ${(e as Error).message}`);
  }
  const log = opts.log ?? (() => {});
  try {
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    if (!parseToolEnv().PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK) await acquireLock(client, opts.lockTimeoutMs ?? 10_000);
    return await work({ client, table: `${quoteIdent(schema)}."_prisma_migrations"`, schema, log });
  } finally {
    // Closing the session releases the advisory lock too.
    await client.end().catch(() => {});
  }
}

async function acquireLock(client: pg.Client, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      ADVISORY_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        "P1002",
        `Timed out after ${timeoutMs} ms waiting for the migration advisory lock (${ADVISORY_LOCK_KEY})`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tableExists(client: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [
    `${quoteIdent(schema)}."_prisma_migrations"`,
  ]);
  return rows[0].present;
}

async function createTable(client: pg.Client, table: string, schema: string) {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  await client.query(`CREATE TABLE ${table} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`);
}

/** User objects (not owned by an extension) in the managed schemas: Prisma's "schema is not empty". */
async function nonEmptySchemas(client: pg.Client, schemas: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r','p','v','m','S','f')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     UNION ALL
     SELECT n.nspname || '.' || t.typname
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1) AND t.typtype = 'e'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
      ORDER BY 1`,
    [schemas],
  );
  return rows.map((r) => r.name);
}

async function readRows(client: pg.Client, table: string): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(`SELECT * FROM ${table} ORDER BY started_at, migration_name`);
  return rows;
}

function failedRows(rows: MigrationRow[]) {
  return rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
}

function pendingMigrations(local: LocalMigration[], rows: MigrationRow[]) {
  const applied = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
  return local.filter((m) => !applied.has(m.name));
}

function formatDbError(e: unknown): string {
  const err = e as pg.DatabaseError;
  const parts = [err.code ? `Database error code: ${err.code}` : "", `Database error:\n${err.message}`];
  if (err.position) parts.push(`Position: ${err.position}`);
  if (err.detail) parts.push(`DETAIL: ${err.detail}`);
  if (err.hint) parts.push(`HINT: ${err.hint}`);
  return parts.filter(Boolean).join("\n\n");
}

export interface DeployResult {
  applied: string[];
}

/** `prisma migrate deploy`: applies pending migrations in name order, each in its own implicit transaction. */
export async function deploy(opts: MigratorOptions): Promise<DeployResult> {
  const local = readMigrations(opts.migrationsDir);
  return withMigrationSession(opts, async ({ client, table, schema, log }) => {
    log(`${local.length} migration${local.length === 1 ? "" : "s"} found in ${opts.migrationsDir}`);
    if (!(await tableExists(client, schema))) {
      const occupied = await nonEmptySchemas(client, [schema, ...(opts.schemas ?? [])]);
      if (occupied.length > 0) {
        throw new MigrationError(
          "P3005",
          `The database schema is not empty (found ${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""}). ` +
            "Baseline it first: mark the migrations it already contains with `pnpm db:resolve --applied <name>`.",
        );
      }
      await createTable(client, table, schema);
    }
    const rows = await readRows(client, table);
    const failed = failedRows(rows);
    if (failed.length > 0) {
      throw new MigrationError(
        "P3009",
        `migrate found failed migrations in the target database, new migrations will not be applied. ` +
          `The failed migration(s): ${failed.map((r) => `\`${r.migration_name}\` started at ${r.started_at.toISOString()}`).join(", ")}. ` +
          "Fix the cause, then mark it with `pnpm db:resolve --rolled-back <name>` (to re-run it) or `--applied <name>`.",
      );
    }
    const pending = pendingMigrations(local, rows);
    if (pending.length === 0) {
      log("No pending migrations to apply.");
      return { applied: [] };
    }
    const applied: string[] = [];
    for (const migration of pending) {
      log(`Applying migration \`${migration.name}\``);
      const id = randomUUID();
      await client.query(
        `INSERT INTO ${table} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        // No parameters: node-postgres sends one simple-protocol query, so PostgreSQL runs the
        // whole script in one implicit transaction, as Prisma does.
        await client.query(migration.sql);
      } catch (e) {
        const logs = formatDbError(e);
        await client.query(`UPDATE ${table} SET logs = $2 WHERE id = $1`, [id, logs]);
        throw new MigrationError("P3018", `A migration failed to apply. Migration name: ${migration.name}\n\n${logs}`);
      }
      await client.query(`UPDATE ${table} SET applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
      await client.query(`UPDATE ${table} SET finished_at = now() WHERE id = $1`, [id]);
      applied.push(migration.name);
    }
    log(
      `The following migration(s) have been applied:\n${applied.map((n) => `  ${n}`).join("\n")}\nAll migrations have been successfully applied.`,
    );
    return { applied };
  });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied, but the file's checksum no longer matches the recorded one. */
  modified: string[];
  /** Recorded as applied in the database, absent from the repository. */
  missingFromRepo: string[];
  /** Name of the newest applied migration, for readiness checks. */
  latestApplied: string | null;
  upToDate: boolean;
}

/** `prisma migrate status`, plus modified and missing-from-repo migrations. */
export async function status(opts: MigratorOptions): Promise<MigrationStatus> {
  const local = readMigrations(opts.migrationsDir);
  return withMigrationSession(opts, async ({ client, table, schema }) => {
    const rows = (await tableExists(client, schema)) ? await readRows(client, table) : [];
    const live = rows.filter((r) => r.rolled_back_at === null);
    const finished = live.filter((r) => r.finished_at !== null);
    const localByName = new Map(local.map((m) => [m.name, m]));
    const applied = local.filter((m) => finished.some((r) => r.migration_name === m.name)).map((m) => m.name);
    const modified = finished
      .filter((r) => {
        const m = localByName.get(r.migration_name);
        return m !== undefined && !sameChecksum(r.checksum, m);
      })
      .map((r) => r.migration_name);
    const failed = failedRows(rows).map((r) => r.migration_name);
    const pending = pendingMigrations(local, rows).map((m) => m.name);
    const missingFromRepo = [...new Set(live.map((r) => r.migration_name).filter((n) => !localByName.has(n)))];
    const latestApplied = [...finished.map((r) => r.migration_name)].sort().at(-1) ?? null;
    return {
      applied,
      pending,
      failed,
      modified: [...new Set(modified)],
      missingFromRepo,
      latestApplied,
      upToDate: pending.length === 0 && failed.length === 0,
    };
  });
}

export type ResolveAction = { applied: string } | { rolledBack: string };

/** `prisma migrate resolve --applied NAME | --rolled-back NAME`. */
export async function resolve(opts: MigratorOptions, action: ResolveAction): Promise<void> {
  const local = readMigrations(opts.migrationsDir);
  return withMigrationSession(opts, async ({ client, table, schema, log }) => {
    if (!(await tableExists(client, schema))) await createTable(client, table, schema);
    const rows = await readRows(client, table);
    if ("applied" in action) {
      const name = action.applied;
      const migration = local.find((m) => m.name === name);
      if (!migration)
        throw new MigrationError("P3017", `The migration ${name} could not be found in ${opts.migrationsDir}`);
      if (rows.some((r) => r.migration_name === name && r.finished_at !== null && r.rolled_back_at === null)) {
        throw new MigrationError("P3008", `The migration \`${name}\` is already recorded as applied in the database.`);
      }
      await client.query(
        `UPDATE ${table} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
        [name],
      );
      await client.query(
        `INSERT INTO ${table} (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 0)`,
        [randomUUID(), migration.checksum, name],
      );
      log(`Migration ${name} marked as applied.`);
    } else {
      const name = action.rolledBack;
      const { rowCount } = await client.query(
        `UPDATE ${table} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
        [name],
      );
      if (!rowCount) {
        throw new MigrationError(
          "P3012",
          `Migration \`${name}\` cannot be rolled back because it is not in a failed state.`,
        );
      }
      log(`Migration ${name} marked as rolled back.`);
    }
  });
}
