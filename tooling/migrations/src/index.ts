import { readFileSync } from "node:fs";
import type { MigratorOptions } from "./applier";
import { datasourceSchemas } from "./files";
import { migrationsDir, schemaPrismaPath } from "./paths";

export {
  ADVISORY_LOCK_KEY,
  deploy,
  type MigrationStatus,
  type MigratorOptions,
  resolve,
  status,
} from "./applier";
export { checksumOf, datasourceSchemas, type LocalMigration, MigrationError, readMigrations } from "./files";
export { migrationsDir, repoPrismaDir, schemaPrismaPath } from "./paths";

/** Options for the repo's own prisma/migrations and the schemas schema.prisma declares. */
export function repoMigrator(databaseUrl: string, log?: (line: string) => void): MigratorOptions {
  return { databaseUrl, migrationsDir, schemas: datasourceSchemas(readFileSync(schemaPrismaPath, "utf8")), log };
}
