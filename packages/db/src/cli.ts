// `burrow-db create|seed|clean`: the demo database commands behind `pnpm db:create`, `db:seed` and `db:clean`.
import { photoStorage } from "@burrow/storage";
import { parseStorageEnv } from "@burrow/storage/env";
import pg from "pg";
import { cleanPostgres } from "./clean";
import { createPrismaClient } from "./client";
import { createDatabase } from "./create";
import { parseDbEnv, parseToolEnv } from "./env";
import { assertNotProduction, seedPostgres } from "./seed";
import { seedPhotos } from "./seed-photos";

const usage = `usage: burrow-db <command>
  create create DATABASE_URL's database when missing (refuses NODE_ENV=production)
  seed   upsert demo data dated from today, with photos in S3_* storage (refuses NODE_ENV=production)
  clean  truncate the identity and pets tables (keeps _prisma_migrations)`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === "--help" || command === "help") {
    console.log(usage);
    return command ? 0 : 2;
  }
  const env = parseDbEnv();
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
    case "seed": {
      assertNotProduction();
      // The demo photos need object storage: a missing S3_* variable stops the seed before it writes.
      const storage = photoStorage(parseStorageEnv());
      const db = createPrismaClient(env.DATABASE_URL, 4);
      try {
        const counts = await seedPostgres(db);
        console.log(
          `Seeded PostgreSQL: ${counts.users} users, ${counts.listings} listings, ${counts.bookings} bookings.`,
        );
        const started = performance.now();
        const photos = await seedPhotos(db, storage);
        console.log(`Seeded ${photos} listing photos in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
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
