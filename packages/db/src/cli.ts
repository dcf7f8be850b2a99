// `burrow-db <command>`: the offline create/migrate/status/resolve/check/seed/clean commands behind `pnpm db:*`.
import { parseArgs } from "node:util";
import pg from "pg";
import { cleanPostgres } from "./clean";
import { createPrismaClient } from "./client";
import { createDatabase } from "./create";
import { parseDbEnv, parseToolEnv } from "./env";
import { repoMigrator } from "./migrations";
import { deploy, resolve, status } from "./migrations/applier";
import { catalogPath, migrationsDir } from "./migrations/paths";
import { assertNotProduction, seedPostgres } from "./seed";

const usage = `usage: burrow-db <command>
  create                      create DATABASE_URL's database when missing (refuses NODE_ENV=production)
  migrate                     apply pending migrations (prisma migrate deploy semantics)
  status                      applied / pending / failed / modified / missing migrations
  resolve --applied NAME      record NAME as applied (baselining, or a fixed failed migration)
  resolve --rolled-back NAME  record the failed NAME as rolled back so deploy re-runs it
  check [--write]             objects schema.prisma cannot express vs prisma/catalog.json (--write: update it)
  seed                        upsert demo data dated from today (refuses NODE_ENV=production)
  clean                       truncate the identity and pets tables (keeps _prisma_migrations)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "help") {
    console.log(usage);
    return command ? 0 : 2;
  }
  const env = parseDbEnv();
  const opts = repoMigrator(env.DATABASE_URL, (line) => console.log(line));
  switch (command) {
    case "create": {
      // Only for demo databases: `pnpm db:create` seeds what it creates.
      assertNotProduction();
      const name = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
      console.log(
        (await createDatabase(env.DATABASE_URL)) === "created"
          ? `Created database ${name}.`
          : `Database ${name} exists.`,
      );
      return 0;
    }
    case "migrate":
      await deploy(opts);
      return 0;
    case "status": {
      const s = await status(opts);
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
    case "resolve": {
      const { values } = parseArgs({
        args: rest,
        options: { applied: { type: "string" }, "rolled-back": { type: "string" } },
      });
      if (Boolean(values.applied) === Boolean(values["rolled-back"])) {
        console.error("resolve needs exactly one of --applied NAME or --rolled-back NAME");
        return 2;
      }
      await resolve(
        opts,
        values.applied ? { applied: values.applied } : { rolledBack: values["rolled-back"] as string },
      );
      return 0;
    }
    case "check": {
      const { compareCatalogs, formatCatalogDifference, migratedCatalog, readCatalogFile, writeCatalogFile } =
        await import("./migrations/catalog");
      const actual = await migratedCatalog(env.DATABASE_URL, migrationsDir, opts.schemas ?? []);
      if (rest.includes("--write")) {
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
    case "seed": {
      const db = createPrismaClient(env.DATABASE_URL, 2);
      try {
        const counts = await seedPostgres(db);
        console.log(
          `Seeded PostgreSQL: ${counts.users} users, ${counts.listings} listings, ${counts.bookings} bookings.`,
        );
      } finally {
        await db.$disconnect();
      }
      return 0;
    }
    case "clean": {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        console.log(`Truncated ${await cleanPostgres(client)} tables in identity and pets.`);
      } finally {
        await client.end();
      }
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // One clear message, not a stack dump (BURROW_DEBUG=1 shows the stack).
    console.error(err instanceof Error && !parseToolEnv().BURROW_DEBUG ? `burrow-db: ${err.message}` : err);
    process.exit(1);
  },
);
