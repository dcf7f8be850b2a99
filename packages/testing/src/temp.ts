// Throwaway folders for tests, removed after each test file by the vitest setup file.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsDir } from "@burrow/migrations";

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
