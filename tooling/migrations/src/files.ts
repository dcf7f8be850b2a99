import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
  /** Checksums of earlier texts that databases may have recorded (a reviewed history exception). */
  supersededChecksums: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "MigrationError";
  }
}

/** Lowercase hex SHA-256 of the file's bytes, as Prisma stores it. */
export function checksumOf(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Prisma tolerates CRLF vs LF when comparing checksums; so do we. */
export function sameChecksum(stored: string, migration: LocalMigration): boolean {
  return (
    stored === migration.checksum ||
    stored === checksumOf(migration.sql.replace(/\r\n/g, "\n")) ||
    stored === checksumOf(migration.sql.replace(/\r?\n/g, "\r\n")) ||
    migration.supersededChecksums.includes(stored)
  );
}

/** Folders of `dir` holding a migration.sql, sorted by name; checks migration_lock.toml like Prisma (P3019). */
export function readMigrations(dir: string): LocalMigration[] {
  const lock = path.join(dir, "migration_lock.toml");
  if (existsSync(lock)) {
    const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lock, "utf8"))?.[1];
    if (provider !== "postgresql") {
      throw new MigrationError(
        "P3019",
        `migration_lock.toml names provider "${provider}", but the datasource is "postgresql"`,
      );
    }
  }
  const superseded = supersededChecksums(dir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: checksumOf(bytes),
        supersededChecksums: superseded.get(`${name}/migration.sql`) ?? [],
      };
    });
}

/**
 * prisma/migration-history-exceptions.json (next to the migrations folder): the checksums each
 * excepted migration had before its reviewed edit, by "<folder>/migration.sql".
 */
function supersededChecksums(dir: string): Map<string, string[]> {
  const file = path.join(dir, "..", "migration-history-exceptions.json");
  if (!existsSync(file)) return new Map();
  const entries = JSON.parse(readFileSync(file, "utf8")) as { file: string; checksums?: string[] }[];
  return new Map(entries.map((e) => [e.file, e.checksums ?? []]));
}

/** `schemas = ["identity", "pets"]` from the datasource block of schema.prisma. */
export function datasourceSchemas(schemaPrisma: string): string[] {
  const list = /datasource\s+\w+\s*\{[^}]*?schemas\s*=\s*\[([^\]]*)\]/s.exec(schemaPrisma)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}
