// The unmodified Prisma CLI (through `pnpm prisma`, on the WebAssembly engine where the native one
// cannot be downloaded) against real PostgreSQL: deploy/status interchangeable with @burrow/db's
// applier, the authoritative drift check, and the failures a user must be able to read.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deploy, migrationsDir, readMigrations, repoMigrator, schemaPrismaPath, status } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import { migrationsWith, tempDir } from "@burrow/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const launcher = path.resolve(import.meta.dirname, "../bin/prisma.mjs");
const baseUrl = process.env.DATABASE_URL as string;

interface Run {
  code: number | null;
  out: string;
}

/** `pnpm prisma …` with DATABASE_URL set; stdout and stderr together, as a user reads them. */
function prisma(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function rows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; steps: number; done: boolean }>(
      `SELECT migration_name, checksum, applied_steps_count AS steps, finished_at IS NOT NULL AND rolled_back_at IS NULL AS done
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

const scratches: { drop: () => Promise<void> }[] = [];
async function scratch(prefix: string) {
  const db = await createScratchDatabase(baseUrl, prefix);
  scratches.push(db);
  return db;
}
afterAll(async () => {
  await Promise.all(scratches.map((s) => s.drop()));
});

/** A temporary prisma.config.ts for a schema and migrations folder of a test's own. */
function configFor(schema: string, migrations: string): string {
  const dir = tempDir("burrow-prisma-config-");
  const file = path.join(dir, "prisma.config.ts");
  const lines = [
    "export default {",
    `  schema: ${JSON.stringify(schema)},`,
    `  migrations: { path: ${JSON.stringify(migrations)} },`,
    '  datasource: { url: process.env.DATABASE_URL ?? "" },',
    "};",
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const diffArgs = (from: string, to: string) => [
  "migrate",
  "diff",
  "--from-migrations",
  from,
  "--to-schema",
  to,
  "--exit-code",
];

describe("stock deploy and status, interchangeable with the applier", () => {
  let stockUrl: string;
  let applierUrl: string;
  beforeAll(async () => {
    stockUrl = (await scratch("stock")).url;
    applierUrl = (await scratch("applier")).url;
    const [deployed] = await Promise.all([prisma(["migrate", "deploy"], stockUrl), deploy(repoMigrator(applierUrl))]);
    expect(deployed.out).toContain("All migrations have been successfully applied.");
    expect(deployed.code).toBe(0);
  }, 120_000);

  it("stock-deployed: the applier's status is clean", async () => {
    const s = await status(repoMigrator(stockUrl));
    expect(s).toMatchObject({ upToDate: true, pending: [], failed: [], modified: [], missingFromRepo: [] });
  });

  it("applier-deployed: stock migrate status is up to date", async () => {
    const run = await prisma(["migrate", "status"], applierUrl);
    expect(run.out).toContain("Database schema is up to date!");
    expect(run.code).toBe(0);
  }, 60_000);

  it("both record identical names, checksums and steps", async () => {
    const [stock, applier] = await Promise.all([rows(stockUrl), rows(applierUrl)]);
    expect(stock).toHaveLength(readMigrations(migrationsDir).length);
    expect(stock.every((r) => r.done && r.steps === 1)).toBe(true);
    expect(applier).toEqual(stock);
  });

  it("db pull --print introspects the migrated database", async () => {
    const run = await prisma(["db", "pull", "--print"], stockUrl);
    expect(run.out).toContain('schemas  = ["identity", "pets"]');
    expect(run.out).toMatch(/model Listing \{[\s\S]*@@map\("listings"\)/);
    expect(run.out).toContain('@@index([title(ops: raw("gin_trgm_ops"))], map: "listings_title_trgm_idx", type: Gin');
    expect(run.code).toBe(0);
  }, 60_000);

  it("a database that ran health_read_migrations before its edit stays clean for both", async () => {
    const before = (await scratch("prefix")).url;
    const landed = spawnSync(
      "git",
      ["show", `0baee1b^:prisma/migrations/20261128043847_health_read_migrations/migration.sql`],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(landed.status, landed.stderr).toBe(0);
    const old = migrationsWith({});
    writeFileSync(path.join(old, "20261128043847_health_read_migrations/migration.sql"), landed.stdout);
    await deploy({ ...repoMigrator(before), migrationsDir: old });

    const s = await status(repoMigrator(before));
    expect([s.upToDate, s.modified]).toEqual([true, []]);
    const stockStatus = await prisma(["migrate", "status"], before);
    expect(stockStatus.out).toContain("Database schema is up to date!");
    const stockDeploy = await prisma(["migrate", "deploy"], before);
    expect(stockDeploy.out).toContain("No pending migrations to apply.");
    expect([stockStatus.code, stockDeploy.code]).toEqual([0, 0]);
  }, 120_000);
});

describe("migrate diff, the authoritative drift check", () => {
  it("finds no difference between prisma/migrations and schema.prisma", async () => {
    const run = await prisma(diffArgs("prisma/migrations", "prisma/schema.prisma"), baseUrl);
    expect(run.out).not.toMatch(/error/i);
    expect(run.code).toBe(0);
  }, 60_000);

  const schema = readFileSync(schemaPrismaPath, "utf8");
  const mutations: [string, string, string][] = [
    ["a new column", "  image         String?\n", "  image         String?\n  nickname      String?\n"],
    ["a dropped unique", "  email         String    @unique\n", "  email         String\n"],
    ["a new index", "  @@index([subjectId])\n", "  @@index([subjectId])\n  @@index([rating])\n"],
    ["optional → required", "  name          String?\n", "  name          String\n"],
  ];
  it("exits 2 for every schema.prisma mutation", async () => {
    const runs = mutations.map(([label, from, to]) => {
      expect(schema, label).toContain(from);
      const file = path.join(tempDir("burrow-mutated-"), "schema.prisma");
      writeFileSync(file, schema.replace(from, to));
      return prisma(diffArgs("prisma/migrations", file), baseUrl).then((run) => [label, run.code, run.out] as const);
    });
    for (const [label, code, out] of await Promise.all(runs)) {
      expect(out, label).not.toMatch(/error/i);
      expect(out, label).toMatch(/\[\*\] Changed the `(users|reviews)` table/);
      expect(code, label).toBe(2);
    }
  }, 180_000);

  it("reports a trigram index missing from schema.prisma as one migrate dev would drop", async () => {
    const dir = migrationsWith({
      "20261206000000_city_trigram": `CREATE INDEX "listings_city_trgm_idx" ON "pets"."listings" USING gin ("city" gin_trgm_ops);\n`,
    });
    const run = await prisma([...diffArgs(dir, "prisma/schema.prisma"), "--script"], baseUrl);
    expect(run.out).toContain('DROP INDEX "pets"."listings_city_trgm_idx";');
    expect(run.code).toBe(2);
  }, 60_000);

  it("fails on a migration that references _prisma_migrations: the shadow database has none", async () => {
    const fixture = path.join(repoRoot, "tooling/migrations/fixtures/prisma-migrations-table");
    const dir = migrationsWith({
      "20261206000000_grant_migration_level": readFileSync(
        path.join(fixture, "20260101000000_grant_migration_level/migration.sql"),
        "utf8",
      ),
    });
    const run = await prisma(diffArgs(dir, "prisma/schema.prisma"), baseUrl);
    expect(run.out).toContain(
      "Migration `20261206000000_grant_migration_level` failed to apply cleanly to the shadow database.",
    );
    // The native engine words it as PostgreSQL does, the WebAssembly one as its connector does.
    expect(run.out).toMatch(/relation "_prisma_migrations" does not exist|No such table: _prisma_migrations/);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe("failures name their cause", () => {
  it("an unreachable database: P1001, non-zero", async () => {
    const run = await prisma(["migrate", "deploy"], "postgresql://postgres@127.0.0.1:9/burrow");
    expect(run.out).toContain("P1001: Can't reach database server at `127.0.0.1:9`");
    expect(run.code).toBe(1);
  }, 60_000);

  it("a migration with a syntax error: P3018 naming it, nothing of it applied, the failed row recorded", async () => {
    const db = await scratch("syntax");
    const migrations = tempDir("burrow-bad-migrations-");
    cpSync(path.join(migrationsDir, "migration_lock.toml"), path.join(migrations, "migration_lock.toml"));
    for (const [name, sql] of [
      ["20260101000000_ok", 'CREATE TABLE "public"."kept" (id int);\n'],
      ["20260101000001_broken", 'CREATE TABLE "public"."half" (id int);\nCREATE TABLE oops (;\n'],
    ]) {
      mkdirSync(path.join(migrations, name as string));
      writeFileSync(path.join(migrations, name as string, "migration.sql"), sql as string);
    }
    const schemaFile = path.join(tempDir("burrow-bad-schema-"), "schema.prisma");
    writeFileSync(schemaFile, 'datasource db {\n  provider = "postgresql"\n}\n');
    const run = await prisma(["migrate", "deploy", "--config", configFor(schemaFile, migrations)], db.url);
    expect(run.out).toContain("P3018");
    expect(run.out).toContain("Migration name: 20260101000001_broken");
    expect(run.out).toContain('syntax error at or near ";"');
    expect(run.code).toBe(1);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows: recorded } = await client.query(
        "SELECT migration_name, finished_at IS NULL AS failed, logs IS NOT NULL AS logged FROM _prisma_migrations ORDER BY 1",
      );
      expect(recorded).toEqual([
        { migration_name: "20260101000000_ok", failed: false, logged: false },
        { migration_name: "20260101000001_broken", failed: true, logged: true },
      ]);
      const { rows: tables } = await client.query(
        "SELECT to_regclass('public.kept') IS NOT NULL AS kept, to_regclass('public.half') IS NOT NULL AS half",
      );
      expect(tables).toEqual([{ kept: true, half: false }]);
    } finally {
      await client.end();
    }
  }, 60_000);
});
