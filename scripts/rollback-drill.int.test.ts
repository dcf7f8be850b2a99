// Rollback drill: every migration applied, then each reversible one's Rollback SQL run in reverse
// order must bring the catalog back to exactly what it was before that migration; then all of
// them re-apply cleanly. Proves the Rollback headers are real, not decoration.
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { deploy, migrationsDir, readMigrations } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { parseMigrationHeader } from "@burrow/migrations/validate";
import { tempDir } from "@burrow/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const migrations = readMigrations(migrationsDir);
let db: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: pg.Client;

/** Everything a migration can change in the app schemas, as comparable text. */
async function catalogSnapshot(): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await client.query<{ d: string }>(sql)).rows.map((r) => r.d);
  const appSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'`;
  return {
    schemas: await q(`SELECT nspname AS d FROM pg_namespace n WHERE ${appSchemas} ORDER BY 1`),
    extensions: await q(`SELECT extname AS d FROM pg_extension ORDER BY 1`),
    columns: await q(`SELECT format('%s.%s.%s %s %s default %s', c.table_schema, c.table_name, c.column_name,
        c.udt_schema || '.' || c.udt_name, c.is_nullable, coalesce(c.column_default, '-')) AS d
      FROM information_schema.columns c JOIN pg_namespace n ON n.nspname = c.table_schema
      WHERE ${appSchemas} AND c.table_name <> '_prisma_migrations' ORDER BY 1`),
    constraints: await q(`SELECT format('%s.%s %s', n.nspname, con.conname, pg_get_constraintdef(con.oid)) AS d
      FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
      LEFT JOIN pg_class c ON c.oid = con.conrelid
      WHERE ${appSchemas} AND c.relname IS DISTINCT FROM '_prisma_migrations' ORDER BY 1`),
    indexes: await q(`SELECT i.indexdef AS d FROM pg_indexes i JOIN pg_namespace n ON n.nspname = i.schemaname
      WHERE ${appSchemas} AND i.tablename <> '_prisma_migrations' ORDER BY 1`),
    types:
      await q(`SELECT format('%s.%s %s', n.nspname, t.typname, coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder)
        FROM pg_enum WHERE enumtypid = t.oid), t.typtype::text)) AS d
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${appSchemas} AND t.typtype IN ('e', 'd', 'r') ORDER BY 1`),
    functions:
      await q(`SELECT pg_get_functiondef(p.oid) AS d FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${appSchemas} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1`),
    triggers: await q(`SELECT pg_get_triggerdef(t.oid) AS d FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 1`),
    // Roles are cluster-wide and outlive a rollback; what they may do here must not.
    grants: await q(`SELECT format('%s.%s %s %s', table_schema, table_name, grantee, privilege_type) AS d
      FROM information_schema.role_table_grants WHERE grantee LIKE 'burrow%' ORDER BY 1`),
    schemaAcls: await q(
      `SELECT format('%s %s', nspname, coalesce(nspacl, acldefault('n', nspowner))::text) AS d FROM pg_namespace n WHERE ${appSchemas} ORDER BY 1`,
    ),
    defaultAcls: await q(
      `SELECT format('%s %s %s', defaclnamespace::regnamespace, defaclobjtype, defaclacl) AS d FROM pg_default_acl ORDER BY 1`,
    ),
  };
}

/** A migrations folder holding the first `count` of the repo's migrations. */
function firstMigrations(count: number): string {
  const dir = tempDir("burrow-drill-");
  cpSync(path.join(migrationsDir, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const m of migrations.slice(0, count)) {
    mkdirSync(path.join(dir, m.name));
    cpSync(path.join(migrationsDir, m.name, "migration.sql"), path.join(dir, m.name, "migration.sql"));
  }
  return dir;
}

beforeAll(async () => {
  db = await createScratchDatabase(process.env.DATABASE_URL as string, "drill");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

describe("rollback drill", () => {
  it("has migrations to drill, each with a parseable header", () => {
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(["yes", "no"]).toContain(parseMigrationHeader(m.sql).reversible);
  });

  it("rolls every reversible migration back to the exact prior catalog, then re-applies them all", async () => {
    // Apply one migration at a time, remembering the catalog before each.
    const before: Record<string, string[]>[] = [];
    for (let i = 0; i < migrations.length; i++) {
      before.push(await catalogSnapshot());
      const { applied } = await deploy({ databaseUrl: db.url, migrationsDir: firstMigrations(i + 1) });
      expect(applied).toEqual([migrations[i]?.name]);
    }
    const fullyMigrated = await catalogSnapshot();

    // Undo in reverse order, stopping at the first irreversible migration.
    let undone = 0;
    for (let i = migrations.length - 1; i >= 0; i--) {
      const migration = migrations[i];
      if (!migration) break;
      const header = parseMigrationHeader(migration.sql);
      if (header.reversible !== "yes") break;
      await client.query(header.rollbackSql.join("\n"));
      await client.query(`DELETE FROM public._prisma_migrations WHERE migration_name = $1`, [migration.name]);
      expect(await catalogSnapshot(), `rollback of ${migration.name}`).toEqual(before[i]);
      undone++;
    }
    expect(undone).toBeGreaterThan(0);

    const { applied } = await deploy({ databaseUrl: db.url, migrationsDir });
    expect(applied).toEqual(migrations.slice(migrations.length - undone).map((m) => m.name));
    expect(await catalogSnapshot()).toEqual(fullyMigrated);
  });
});
