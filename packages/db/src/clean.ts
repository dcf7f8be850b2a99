import type pg from "pg";
import { assertNotProduction } from "./seed";

export const APP_SCHEMAS = ["identity", "pets"] as const;

/** Empties every table of the app schemas (not `_prisma_migrations`) and resets their sequences. */
export async function cleanPostgres(client: pg.Client | pg.Pool) {
  assertNotProduction();
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = ANY($1) ORDER BY 1`,
    [APP_SCHEMAS],
  );
  if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY CASCADE`);
  return rows.length;
}
