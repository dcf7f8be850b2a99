// Integration test files' database, with vitest's hooks (its own entry point: the package's main one
// is imported outside vitest too).

import { createPrismaClient } from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import { parseDbEnv } from "@burrow/db/env";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * The test file's database (DATABASE_URL, which the integration setup points at the test server):
 * a Prisma client with `poolSize` connections and a plain pg client, every table emptied before
 * the file's first test (before each test with `cleanEach`) and after its last, both clients
 * closed at the end.
 */
export function testDatabase(poolSize = 4, { cleanEach = false } = {}) {
  const url = parseDbEnv().DATABASE_URL;
  const db = createPrismaClient(url, poolSize);
  const sql = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await sql.connect();
    if (!cleanEach) await cleanPostgres(sql);
  });
  if (cleanEach) beforeEach(() => cleanPostgres(sql));
  afterAll(async () => {
    await cleanPostgres(sql);
    await sql.end();
    await db.$disconnect();
  });
  return { db, sql, url };
}
