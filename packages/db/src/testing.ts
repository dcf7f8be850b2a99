// Helpers for integration tests and benchmarks: scratch databases on the test server.
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrationsDir } from "./migrations/paths";

export { factories } from "./bookings/factories";

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

const tempDirs: string[] = [];

/** Removes every folder tempDir() made; vitest's setup file calls it after each test file. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh folder under the system temp dir, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the repo's migrations plus extra folders (name → migration.sql), removed after the test file. */
export function migrationsWith(extra: Record<string, string> = {}): string {
  const dir = tempDir("burrow-migrations-");
  cpSync(migrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}
