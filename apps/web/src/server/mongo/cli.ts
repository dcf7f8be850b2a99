// `pnpm -F @burrow/web db:seed|db:clean`: the MongoDB half of the root `pnpm db:seed` / `db:clean`.
import { assertNotProduction, SEED_USERS } from "@burrow/db/seed";
import { Article } from "./articles";
import { connectMongo, disconnectMongo } from "./connection";
import { Notification, notificationRepository } from "./notifications";
import { Profile, upsertProfile } from "./profile";

/** Collections web owns; clean empties them and keeps their indexes. */
const APP_MODELS = [Profile, Article, Notification];

const seedUser = (email: string) => {
  const user = SEED_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no seed user ${email}`);
  return user;
};

const SEED_ARTICLES = [
  {
    slug: "first-night-away-from-your-dog",
    title: "Your dog's first night away from you",
    author: "sitter1@burrow.test",
    tags: ["dogs", "first-time-owners"],
    publishedAt: new Date("2026-10-01T09:00:00Z"),
    body: "Most dogs settle within a day. What helps:\n\n- bring **their own bed** and a worn T-shirt\n- keep feeding times the same\n- a long walk on arrival\n\nAsk your sitter for a photo on the first evening.",
  },
  {
    slug: "cats-hate-change-plan-for-it",
    title: "Cats hate change: plan for it",
    author: "sitter3@burrow.test",
    tags: ["cats"],
    publishedAt: new Date("2026-10-15T09:00:00Z"),
    body: "Cats often do best **at home**. If they must travel:\n\n1. Leave the carrier out for a week before.\n2. Pack familiar food.\n3. Give them a quiet room for the first day.",
  },
  {
    slug: "what-to-tell-your-sitter",
    title: "What to tell your sitter before you leave",
    author: "admin@burrow.test",
    tags: ["checklists", "dogs", "cats"],
    publishedAt: new Date("2026-11-01T09:00:00Z"),
    body: "| What | Why |\n|---|---|\n| Vet's number | emergencies |\n| Feeding plan | routine |\n| Quirks | fewer surprises |",
  },
];

async function seed() {
  for (const user of SEED_USERS) {
    await upsertProfile(user.id, {
      bio: user.bio,
      categories: user.role === "SITTER" ? ["sitting"] : [],
      pets: user.role === "TENANT" ? [{ name: `${user.screenname}'s dog`, species: "DOG", age: 4 }] : [],
    });
  }
  await connectMongo();
  await Article.init();
  for (const { author, ...article } of SEED_ARTICLES) {
    const { id: authorId } = seedUser(author);
    const createdAt = article.publishedAt;
    // Upserted by slug: a second seed leaves the articles (and any edits made since) alone.
    await Article.updateOne(
      { slug: article.slug },
      { $setOnInsert: { ...article, authorId, status: "PUBLISHED", createdAt, updatedAt: createdAt } },
      { upsert: true, timestamps: false },
    );
  }
  const tenant = seedUser("tenant1@burrow.test");
  const notifications = notificationRepository();
  for (const [n, title] of [
    "Ada accepted your stay in Berlin",
    "Welcome to Burrow: tell sitters about your pets",
  ].entries()) {
    // Fixed event ids make the seed idempotent, like the events consumer.
    await notifications.create({
      userId: tenant.id,
      type: n === 0 ? "booking.accepted" : "welcome",
      title,
      link: n === 0 ? "/articles/first-night-away-from-your-dog" : "/account/profile",

      eventId: `seed-${n + 1}`,
      createdAt: new Date(Date.UTC(2026, 10, 1 + n)),
    });
  }
  console.log(
    `Seeded MongoDB: ${SEED_USERS.length} profiles, ${SEED_ARTICLES.length} articles, 2 notifications for ${tenant.email}.`,
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
