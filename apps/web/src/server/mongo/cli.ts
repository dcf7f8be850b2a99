// `pnpm -F @burrow/web db:seed|db:clean`: the MongoDB half of the root `pnpm db:seed` / `db:clean`.
import { assertNotProduction } from "@burrow/db/seed";
import { Article } from "./articles";
import { connectMongo, disconnectMongo } from "./connection";
import { Notification } from "./notifications";
import { Profile } from "./profile";
import { seedMongo } from "./seed";

/** Collections web owns; clean empties them and keeps their indexes. */
const APP_MODELS = [Profile, Article, Notification];

async function seed() {
  const counts = await seedMongo();
  console.log(
    `Seeded MongoDB: ${counts.profiles} profiles, ${counts.articles} articles, ${counts.notifications} notifications for ${counts.tenant}.`,
  );
}

async function clean() {
  await connectMongo();
  for (const model of APP_MODELS) await model.collection.deleteMany({});
  console.log(`Emptied ${APP_MODELS.map((m) => m.collection.collectionName).join(", ")}.`);
}

const commands: Record<string, () => Promise<void>> = { seed, clean };
const command = commands[process.argv[2] ?? ""];
if (!command) {
  console.error("usage: cli.ts seed|clean");
  process.exit(2);
}
try {
  assertNotProduction();
  await command();
} catch (err) {
  console.error(`@burrow/web ${process.argv[2]}: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await disconnectMongo();
}
