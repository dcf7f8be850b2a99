// Used by the Prisma CLI where its engine can be downloaded (`prisma migrate dev|deploy`).
// `prisma generate` needs no database, so the URL may be absent here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "pnpm db:seed" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
