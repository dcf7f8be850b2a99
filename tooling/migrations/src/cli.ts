// `burrow-migrations <command>`: what the stock Prisma CLI does not do (validate, check) and the offline
// status/resolve behind `pnpm db:status` / `pnpm db:resolve`.
import { parseArgs } from "node:util";
import { parseDbEnv, parseToolEnv } from "@burrow/db/env";
import { resolve, status } from "./applier";
import { repoMigrator } from "./index";
import { catalogPath, migrationsDir } from "./paths";
import { validateCommand } from "./validate/cli";

const usage = `usage: burrow-migrations <command>
  validate [--staged | --history] [--base REF] [--dir DIR]
                              folder names, headers and hygiene; landed migrations never change
  status                      applied / pending / failed / modified / missing migrations
  resolve --applied NAME      record NAME as applied (baselining, or a fixed failed migration)
  resolve --rolled-back NAME  record the failed NAME as rolled back so deploy re-runs it
  check [--write]             objects schema.prisma cannot express vs prisma/catalog.json (--write: update it)`;

async function printStatus(databaseUrl: string): Promise<number> {
  const s = await status(repoMigrator(databaseUrl));
  const line = (label: string, names: string[]) =>
    names.length && console.log(`${label}:\n${names.map((n) => `  ${n}`).join("\n")}`);
  line("Applied", s.applied);
  line("Pending", s.pending);
  line("Failed", s.failed);
  line("Modified since applied", s.modified);
  line("Applied but missing from prisma/migrations", s.missingFromRepo);
  console.log(s.upToDate ? "Database schema is up to date!" : "Database schema is NOT up to date.");
  return s.upToDate ? 0 : 1;
}

async function resolveCommand(databaseUrl: string, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { applied: { type: "string" }, "rolled-back": { type: "string" } } });
  if (Boolean(values.applied) === Boolean(values["rolled-back"])) {
    console.error("resolve needs exactly one of --applied NAME or --rolled-back NAME");
    return 2;
  }
  const action = values.applied ? { applied: values.applied } : { rolledBack: values["rolled-back"] as string };
  await resolve(
    repoMigrator(databaseUrl, (line) => console.log(line)),
    action,
  );
  return 0;
}

async function checkCommand(databaseUrl: string, args: string[]): Promise<number> {
  const { compareCatalogs, formatCatalogDifference, migratedCatalog, readCatalogFile, writeCatalogFile } = await import(
    "./catalog"
  );
  const actual = await migratedCatalog(databaseUrl, migrationsDir, repoMigrator(databaseUrl).schemas ?? []);
  if (args.includes("--write")) {
    writeCatalogFile(catalogPath, actual);
    console.log(`Wrote ${actual.length} objects to ${catalogPath}; give new ones a why.`);
    return 0;
  }
  const differences = compareCatalogs(readCatalogFile(catalogPath), actual);
  for (const d of differences) console.log(formatCatalogDifference(d));
  console.log(
    differences.length
      ? `${differences.length} difference(s) from prisma/catalog.json. Fix the migration (a NEW one if it landed), or run \`pnpm db:check --write\` after review.`
      : `prisma/catalog.json matches the ${actual.length} objects the migrations make that schema.prisma cannot express.`,
  );
  return differences.length === 0 ? 0 : 1;
}

async function main([command, ...rest]: string[]): Promise<number> {
  switch (command) {
    case "validate":
      return validateCommand(rest);
    case "status":
      return printStatus(parseDbEnv().DATABASE_URL);
    case "resolve":
      return resolveCommand(parseDbEnv().DATABASE_URL, rest);
    case "check":
      return checkCommand(parseDbEnv().DATABASE_URL, rest);
    case "help":
    case "--help":
      console.log(usage);
      return 0;
    default:
      console.error(command ? `unknown command "${command}"\n${usage}` : usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // One clear message, not a stack dump (BURROW_DEBUG=1 shows the stack).
    console.error(err instanceof Error && !parseToolEnv().BURROW_DEBUG ? `burrow-migrations: ${err.message}` : err);
    process.exit(1);
  },
);
