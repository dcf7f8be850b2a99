// Scratch databases next to a server's own: the catalog check, benchmarks and tests use them.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Creates an empty database next to `databaseUrl`'s; returns its URL and a drop function. */
export async function createScratchDatabase(databaseUrl: string, prefix = "scratch") {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
