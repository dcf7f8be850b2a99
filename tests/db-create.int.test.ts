// `pnpm db:create` as a user runs it, for a database the test server does not have yet: created,
// migrated by stock `prisma migrate deploy`, seeded in both stores; a second run changes nothing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { SEED_USERS } from "@burrow/db/seed";
import { repoRoot } from "@burrow/testing/services";
import { MongoClient } from "mongodb";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pnpmCommand } from "../scripts/lib/run";

const fresh = () => `dbcreate_${randomBytes(6).toString("hex")}`;
const named = (url: string | undefined, database: string) => {
  const next = new URL(url as string);
  next.pathname = `/${database}`;
  return next.toString();
};
const server = new URL(process.env.DATABASE_URL as string);
const created: string[] = [];

function dbCreate(database: string, env: NodeJS.ProcessEnv = {}) {
  created.push(database);
  const [command, prefix] = pnpmCommand();
  const r = spawnSync(command, [...prefix, "db:create"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: named(process.env.DATABASE_URL, database),
      MONGODB_URI: named(process.env.MONGODB_URI, database),
      ...env,
    },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}${r.error ?? ""}` };
}

async function onServer<T>(database: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: named(server.toString(), database) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const exists = (database: string) =>
  onServer(
    "postgres",
    async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount,
  );

/** What db:create left in the database and in the Mongo database of the same name. */
async function contents(database: string) {
  const postgres = await onServer(database, async (c) => {
    const count = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]?.n);
    return {
      migrations: await count(
        "SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      ),
      users: await count("SELECT count(*) AS n FROM identity.users"),
      staysAhead: await count("SELECT count(*) AS n FROM pets.bookings WHERE start_date > current_date"),
    };
  });
  const mongo = await MongoClient.connect(named(process.env.MONGODB_URI, database));
  try {
    return { ...postgres, profiles: await mongo.db().collection("profiles").countDocuments() };
  } finally {
    await mongo.close();
  }
}

afterAll(async () => {
  for (const database of created) {
    await onServer("postgres", (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(database)} WITH (FORCE)`));
    const mongo = await MongoClient.connect(named(process.env.MONGODB_URI, database));
    await mongo.db().dropDatabase();
    await mongo.close();
  }
});

describe("pnpm db:create", () => {
  const migrations = readdirSync(path.join(repoRoot, "prisma/migrations"), { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  ).length;

  it("creates, migrates and seeds a database that does not exist, and a rerun changes nothing", async () => {
    const database = fresh();
    expect(await exists(database)).toBe(0);
    const first = dbCreate(database);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain(`Created database ${database}.`);
    expect(first.out).toContain("All migrations have been successfully applied.");
    const seeded = await contents(database);
    expect(seeded).toMatchObject({ migrations, users: SEED_USERS.length, profiles: SEED_USERS.length });
    expect(seeded.staysAhead).toBeGreaterThan(0);

    const again = dbCreate(database);
    expect(again.status, again.out).toBe(0);
    expect(again.out).toContain(`Database ${database} exists.`);
    expect(again.out).toContain("No pending migrations to apply.");
    expect(await contents(database)).toEqual(seeded);
  }, 300_000);

  it("refuses NODE_ENV=production before creating anything", async () => {
    const database = fresh();
    const refused = dbCreate(database, { NODE_ENV: "production" });
    expect(refused.status).not.toBe(0);
    expect(refused.out).toContain("NODE_ENV=production");
    expect(await exists(database)).toBe(0);
  }, 120_000);
});
