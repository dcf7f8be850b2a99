import path from "node:path";

/** The repo's prisma/ folder: the schema and migrations are authored there, read by the migration tooling. */
export const repoPrismaDir = path.resolve(import.meta.dirname, "../../../prisma");
export const migrationsDir = path.join(repoPrismaDir, "migrations");
export const schemaPrismaPath = path.join(repoPrismaDir, "schema.prisma");
export const catalogPath = path.join(repoPrismaDir, "catalog.json");
