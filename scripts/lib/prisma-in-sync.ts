// `prisma migrate dev --create-only` on a clean tree must find nothing to write: run it and fail if
// the migration it creates holds any SQL statement. The folder it creates is removed either way.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@burrow/testing/services";
import { pnpm } from "./run";

const migrationsDir = path.join(repoRoot, "prisma/migrations");
const folders = () => new Set(readdirSync(migrationsDir));

/** The statements of a migration.sql, comments dropped ("-- This is an empty migration." has none). */
const statements = (sql: string) =>
  sql
    .replace(/--[^\n]*/g, "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

export async function migrateDevCreatesNothing(env: NodeJS.ProcessEnv): Promise<boolean> {
  const before = folders();
  const code = await pnpm(["prisma", "migrate", "dev", "--create-only", "--name", "in_sync_check"], { env });
  const created = [...folders()].filter((f) => !before.has(f));
  const found = created.flatMap((f) => statements(readFileSync(path.join(migrationsDir, f, "migration.sql"), "utf8")));
  for (const f of created) rmSync(path.join(migrationsDir, f), { recursive: true, force: true });
  if (found.length) console.error(`migrate dev would write:\n${found.join(";\n")};`);
  return code === 0 && found.length === 0;
}
