// `pnpm -F @burrow/web db:seed|db:clean`: the MongoDB half of the root `pnpm db:seed` / `db:clean`.
import { assertNotProduction, SEED_USERS } from "@burrow/db/seed";
import { connectMongo, disconnectMongo } from "./connection";
import { Profile, upsertProfile } from "./profile";

/** Collections web owns; clean empties them and keeps their indexes. */
const APP_MODELS = [Profile];

async function seed() {
  for (const user of SEED_USERS) {
    await upsertProfile(user.id, {
      bio: user.bio,
      categories: user.role === "SITTER" ? ["sitting"] : [],
      pets: user.role === "TENANT" ? [{ name: `${user.screenname}'s dog`, species: "DOG", age: 4 }] : [],
    });
  }
  console.log(`Seeded MongoDB: ${SEED_USERS.length} profiles.`);
}

async function clean() {
  await connectMongo();
  for (const model of APP_MODELS) await model.deleteMany({});
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
