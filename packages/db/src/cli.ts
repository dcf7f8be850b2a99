// `burrow-db seed|clean`: the demo data commands behind `pnpm db:seed` and `pnpm db:clean`.
import pg from "pg";
import { cleanPostgres } from "./clean";
import { createPrismaClient } from "./client";
import { parseDbEnv, parseToolEnv } from "./env";
import { seedPostgres } from "./seed";

const usage = `usage: burrow-db <command>
  seed   upsert deterministic demo data (refuses NODE_ENV=production)
  clean  truncate the identity and pets tables (keeps _prisma_migrations)`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === "--help" || command === "help") {
    console.log(usage);
    return command ? 0 : 2;
  }
  const env = parseDbEnv();
  switch (command) {
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
