import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrationsWith } from "@burrow/testing";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADVISORY_LOCK_KEY, deploy, resolve, status } from "./applier";
import { checksumOf, MigrationError, readMigrations } from "./files";
import { migrationsDir } from "./paths";
import { createScratchDatabase } from "./scratch";

const baseUrl = process.env.DATABASE_URL as string;
const schemas = ["identity", "pets"];
const repoMigrations = readMigrations(migrationsDir);
const firstMigration = repoMigrations[0]!.name;

let db: Awaited<ReturnType<typeof createScratchDatabase>>;
let dir: string;

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const rows = () =>
  query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
    applied_steps_count: number;
    id: string;
  }>("SELECT * FROM public._prisma_migrations ORDER BY started_at, migration_name");

async function expectCode(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MigrationError);
  expect((err as MigrationError).code).toBe(code);
  return err as MigrationError;
}

beforeEach(async () => {
  db = await createScratchDatabase(baseUrl, "migrate");
  dir = migrationsWith();
});
afterEach(async () => {
  await db.drop();
});

describe("deploy", () => {
  it("creates _prisma_migrations with exactly Prisma's columns and types", async () => {
    await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas });
    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        len: 255,
        is_nullable: "NO",
        column_default: null,
      },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        len: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
    const pk = await query(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = 'public._prisma_migrations'::regclass AND i.indisprimary`,
    );
    expect(pk).toEqual([{ attname: "id" }]);
  });

  it("records each migration with a UUID, the file's SHA-256 and one finished step, then applies nothing twice", async () => {
    const first = await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas });
    expect(first.applied).toEqual(repoMigrations.map((m) => m.name));
    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(repoMigrations.map((m) => m.name));
    for (const row of recorded) {
      const bytes = readFileSync(path.join(dir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(checksumOf(bytes));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    expect((await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas })).applied).toEqual([]);
    expect(await rows()).toHaveLength(repoMigrations.length);
    const tables = await query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('identity','pets')`);
    expect(tables[0]!.n).toBeGreaterThanOrEqual(6);
  });

  it("keeps a failed migration unfinished with its logs, rolls back its partial work, and blocks the next deploy (P3009)", async () => {
    const broken = "29990101000000_broken";
    dir = migrationsWith({
      [broken]: `CREATE TABLE "pets"."half_done" (id int);\nSELECT * FROM "pets"."no_such_table";\n`,
    });
    const err = await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3018");
    expect(err.message).toContain(broken);
    const failed = (await rows()).find((r) => r.migration_name === broken)!;
    expect(failed.finished_at).toBeNull();
    expect(failed.rolled_back_at).toBeNull();
    expect(failed.applied_steps_count).toBe(0);
    expect(failed.logs).toMatch(/no_such_table/);
    expect(failed.logs).toMatch(/42P01/);
    // One implicit transaction: the CREATE TABLE before the error did not survive.
    expect(await query(`SELECT to_regclass('pets.half_done') AS t`)).toEqual([{ t: null }]);

    const blocked = await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3009");
    expect(blocked.message).toContain(broken);
    expect((await status({ databaseUrl: db.url, migrationsDir: dir })).failed).toEqual([broken]);

    // Fix the file, mark the failure rolled back, deploy again: it runs once more and finishes.
    writeFileSync(path.join(dir, broken, "migration.sql"), `CREATE TABLE "pets"."half_done" (id int);\n`);
    await resolve({ databaseUrl: db.url, migrationsDir: dir }, { rolledBack: broken });
    expect((await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas })).applied).toEqual([broken]);
    const attempts = (await rows()).filter((r) => r.migration_name === broken);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.rolled_back_at).not.toBeNull();
    expect(attempts[1]!.finished_at).not.toBeNull();
    expect((await status({ databaseUrl: db.url, migrationsDir: dir })).upToDate).toBe(true);
  });

  it("resolve --applied records a failed migration as applied without running it", async () => {
    const broken = "29990101000000_broken";
    dir = migrationsWith({ [broken]: "SELECT 1/0;" });
    await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3018");
    await resolve({ databaseUrl: db.url, migrationsDir: dir }, { applied: broken });
    const attempts = (await rows()).filter((r) => r.migration_name === broken);
    expect(attempts.map((r) => [r.rolled_back_at !== null, r.finished_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect((await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas })).applied).toEqual([]);
    await expectCode(resolve({ databaseUrl: db.url, migrationsDir: dir }, { applied: broken }), "P3008");
    await expectCode(resolve({ databaseUrl: db.url, migrationsDir: dir }, { rolledBack: broken }), "P3012");
    await expectCode(resolve({ databaseUrl: db.url, migrationsDir: dir }, { applied: "20000101000000_nope" }), "P3017");
  });

  it("applies each migration once when two deploys start at the same time (advisory lock)", async () => {
    // A slow extra migration widens the window in which an unlocked second deploy would interleave.
    dir = migrationsWith({ "29990101000000_slow": `SELECT pg_sleep(0.5);\nCREATE TABLE "pets"."once" (id int);\n` });
    const results = await Promise.all([1, 2].map(() => deploy({ databaseUrl: db.url, migrationsDir: dir, schemas })));
    const appliedTotal = results.flatMap((r) => r.applied);
    expect(appliedTotal.sort()).toEqual([...repoMigrations.map((m) => m.name), "29990101000000_slow"].sort());
    const recorded = await rows();
    expect(recorded).toHaveLength(repoMigrations.length + 1);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("waits for the advisory lock 72707369 and gives up after the timeout", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas, lockTimeoutMs: 300 }), "P1002");
      expect(await query(`SELECT to_regclass('public._prisma_migrations') AS t`)).toEqual([{ t: null }]);
    } finally {
      await holder.end();
    }
    expect((await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas })).applied).toHaveLength(
      repoMigrations.length,
    );
  });

  it("refuses a non-empty schema without the migrations table (P3005) until it is baselined", async () => {
    // A database that already holds the first migration's schema but was never tracked.
    await query(readFileSync(path.join(dir, firstMigration, "migration.sql"), "utf8"));
    const err = await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3005");
    expect(err.message).toMatch(/identity\.|pets\./);
    expect(await query(`SELECT to_regclass('public._prisma_migrations') AS t`)).toEqual([{ t: null }]);

    await resolve({ databaseUrl: db.url, migrationsDir: dir }, { applied: firstMigration });
    const result = await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas });
    expect(result.applied).toEqual(repoMigrations.slice(1).map((m) => m.name));
    const baseline = (await rows()).find((r) => r.migration_name === firstMigration)!;
    expect(baseline.applied_steps_count).toBe(0);
    expect(baseline.finished_at).not.toBeNull();
  });

  it("also refuses a stray table in the default schema", async () => {
    await query(`CREATE TABLE public.legacy (id int)`);
    await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3005");
  });

  it("honours ?schema= for where the migrations table lives", async () => {
    const url = new URL(db.url);
    url.searchParams.set("schema", "meta");
    await deploy({ databaseUrl: url.toString(), migrationsDir: dir, schemas });
    expect(await query(`SELECT to_regclass('meta._prisma_migrations') IS NOT NULL AS t`)).toEqual([{ t: true }]);
    expect(await query(`SELECT to_regclass('public._prisma_migrations') AS t`)).toEqual([{ t: null }]);
  });

  it("refuses a migration_lock.toml for another provider (P3019)", async () => {
    writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "mysql"\n');
    await expectCode(deploy({ databaseUrl: db.url, migrationsDir: dir, schemas }), "P3019");
  });

  it("fails with a clear P1001 when the server is unreachable", async () => {
    const url = new URL(db.url);
    url.port = "1";
    await expectCode(deploy({ databaseUrl: url.toString(), migrationsDir: dir, schemas }), "P1001");
  });
});

describe("status", () => {
  it("reports pending, modified and missing-from-repo migrations; tolerates CRLF checksums", async () => {
    const before = await status({ databaseUrl: db.url, migrationsDir: dir });
    expect(before.pending).toEqual(repoMigrations.map((m) => m.name));
    expect(before.upToDate).toBe(false);

    await deploy({ databaseUrl: db.url, migrationsDir: dir, schemas });
    const after = await status({ databaseUrl: db.url, migrationsDir: dir });
    expect(after).toMatchObject({ pending: [], failed: [], modified: [], missingFromRepo: [], upToDate: true });
    expect(after.latestApplied).toBe(repoMigrations.at(-1)!.name);

    const crlf = checksumOf(repoMigrations[0]!.sql.replace(/\r?\n/g, "\r\n"));
    await query(`UPDATE public._prisma_migrations SET checksum = $1 WHERE migration_name = $2`, [crlf, firstMigration]);
    expect((await status({ databaseUrl: db.url, migrationsDir: dir })).modified).toEqual([]);

    await query(`UPDATE public._prisma_migrations SET checksum = $1 WHERE migration_name = $2`, [
      "0".repeat(64),
      firstMigration,
    ]);
    await query(
      `INSERT INTO public._prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '20000101000000_gone', now(), 1)`,
      ["f".repeat(64)],
    );
    const drifted = await status({ databaseUrl: db.url, migrationsDir: dir });
    expect(drifted.modified).toEqual([firstMigration]);
    expect(drifted.missingFromRepo).toEqual(["20000101000000_gone"]);
  });
});
