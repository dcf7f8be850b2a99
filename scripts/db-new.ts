// `pnpm db:new <snake_case_name>`: `prisma migrate dev --create-only` (Prisma writes the SQL that takes
// the database from prisma/migrations to schema.prisma), then prisma/TEMPLATE.sql's header on top, for
// you to fill in before validate-migrations lets it be committed.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@burrow/testing/services";
import { pnpm } from "./lib/run";

const migrationsDir = path.join(repoRoot, "prisma/migrations");

/** TEMPLATE.sql's header block: its lines up to the first blank "--" line. */
function templateHeader(template: string): string {
  const lines = template.split("\n");
  const end = lines.findIndex((l) => l.trim() === "--");
  return `${lines.slice(0, end === -1 ? lines.length : end).join("\n")}\n\n`;
}

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) {
    console.error("usage: pnpm db:new <snake_case_name>   (e.g. pnpm db:new add_listing_photos)");
    return 2;
  }
  const before = new Set(readdirSync(migrationsDir));
  const code = await pnpm(["prisma", "migrate", "dev", "--create-only", "--name", name]);
  if (code !== 0) return code;
  const created = readdirSync(migrationsDir).filter((f) => !before.has(f));
  if (created.length !== 1) {
    console.error(`db:new: expected one new migration folder, found ${created.length}`);
    return 1;
  }
  const file = path.join(migrationsDir, created[0] as string, "migration.sql");
  const header = templateHeader(readFileSync(path.join(repoRoot, "prisma/TEMPLATE.sql"), "utf8"));
  writeFileSync(file, header + readFileSync(file, "utf8"));
  console.log(
    `\nCreated ${path.relative(process.cwd(), file)}: fill in its header (Purpose, Ticket, Reversible, Rollback),` +
      " review the SQL, then `pnpm prisma migrate dev` applies it to your database.",
  );
  return 0;
}

main().then((code) => process.exit(code));
