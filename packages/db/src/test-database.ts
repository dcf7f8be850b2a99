// Integration test files' database, with vitest's hooks (kept apart from testing.ts, which
// benchmarks and the catalog check import outside vitest).
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { cleanPostgres } from "./clean";
import { createPrismaClient } from "./client";
import { parseDbEnv } from "./env";

/**
 * The test file's database (DATABASE_URL, which the integration setup points at the test server):
 * a Prisma client with `poolSize` connections and a plain pg client, every table emptied before
 * the file's first test and after its last, both clients closed at the end.
 */
export function testDatabase(poolSize = 4) {
  const url = parseDbEnv().DATABASE_URL;
  const db = createPrismaClient(url, poolSize);
  const sql = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await sql.connect();
    await cleanPostgres(sql);
  });
  afterAll(async () => {
    await cleanPostgres(sql);
    await sql.end();
    await db.$disconnect();
  });
  return { db, sql, url };
}
