// The Next.js configuration both apps build with (each app's next.config.ts passes its folder).
import { readdirSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";

/**
 * The newest migration folder this build ships with, inlined as BURROW_MIGRATION_LEVEL: readiness
 * compares it with the database, and a deployed build needs no prisma/ folder for that.
 */
function migrationLevel(appDir: string): string {
  const dir = path.join(appDir, "../../prisma/migrations");
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const newest = names.at(-1);
  if (!newest) throw new Error(`next.config: no migrations found in ${dir}`);
  return newest;
}

export function burrowNextConfig(appDir: string): NextConfig {
  return {
    // The workspace packages ship TypeScript source, generated Prisma client included. Their runtime
    // dependencies need no config: @prisma/client, pg, sharp and the S3 SDK are on Next's built-in serverExternalPackages
    // list, and @prisma/adapter-pg, next-auth, nodemailer and jose bundle cleanly.
    transpilePackages: [
      "@burrow/db",
      "@burrow/auth",
      "@burrow/ui",
      "@burrow/booking",
      "@burrow/events",
      "@burrow/http",
      "@burrow/service-auth",
      "@burrow/observability",
      "@burrow/storage",
    ],
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in user lacks the role.
    experimental: { authInterrupts: true },
    env: { BURROW_MIGRATION_LEVEL: migrationLevel(appDir) },
  };
}
