// Web's demo documents in MongoDB (the Mongo half of `pnpm db:seed`): profiles of the seed users,
// articles and notifications, dated relative to the day of seeding like the PostgreSQL seed.
import { SEED_USERS } from "@burrow/db/seed";
import { Article } from "./articles";
import { connectMongo } from "./connection";
import { notificationRepository } from "./notifications";
import { upsertProfile } from "./profile";

const DAY_MS = 86_400_000;

const seedUser = (email: string) => {
  const user = SEED_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no seed user ${email}`);
  return user;
};

/** The demo articles, published `daysAgo` days before the seed run. */
export const SEED_ARTICLES = [
  {
    slug: "first-night-away-from-your-dog",
    title: "Your dog's first night away from you",
    author: "sitter1@burrow.test",
    tags: ["dogs", "first-time-owners"],
    daysAgo: 66,
    body: "Most dogs settle within a day. What helps:\n\n- bring **their own bed** and a worn T-shirt\n- keep feeding times the same\n- a long walk on arrival\n\nAsk your sitter for a photo on the first evening.",
  },
  {
    slug: "cats-hate-change-plan-for-it",
    title: "Cats hate change: plan for it",
    author: "sitter3@burrow.test",
    tags: ["cats"],
    daysAgo: 52,
    body: "Cats often do best **at home**. If they must travel:\n\n1. Leave the carrier out for a week before.\n2. Pack familiar food.\n3. Give them a quiet room for the first day.",
  },
  {
    slug: "what-to-tell-your-sitter",
    title: "What to tell your sitter before you leave",
    author: "admin@burrow.test",
    tags: ["checklists", "dogs", "cats"],
    daysAgo: 35,
    body: "| What | Why |\n|---|---|\n| Vet's number | emergencies |\n| Feeding plan | routine |\n| Quirks | fewer surprises |",
  },
];

/** tenant1's notifications: their seeded stay's acceptance (decided yesterday) and the welcome. */
const SEED_NOTIFICATIONS = [
  {
    type: "booking.accepted",
    title: "Ada accepted your stay in Berlin",
    link: "/articles/first-night-away-from-your-dog",
    daysAgo: 1,
  },
  { type: "welcome", title: "Welcome to Burrow: tell sitters about your pets", link: "/account/profile", daysAgo: 90 },
];

/** Upserts the profiles and creates the missing articles and notifications; existing ones stay as they are. */
export async function seedMongo(now = new Date()) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  for (const user of SEED_USERS) {
    await upsertProfile(user.id, {
      bio: user.bio,
      categories: user.role === "SITTER" ? ["sitting"] : [],
      pets: user.role === "TENANT" ? [{ name: `${user.screenname}'s dog`, species: "DOG", age: 4 }] : [],
    });
  }
  await connectMongo();
  await Article.init();
  for (const { author, daysAgo, ...article } of SEED_ARTICLES) {
    const publishedAt = ago(daysAgo);
    // Upserted by slug: a second seed leaves the articles (and any edits made since) alone.
    await Article.updateOne(
      { slug: article.slug },
      {
        $setOnInsert: {
          ...article,
          authorId: seedUser(author).id,
          status: "PUBLISHED",
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        },
      },
      { upsert: true, timestamps: false },
    );
  }
  const tenant = seedUser("tenant1@burrow.test");
  const notifications = notificationRepository();
  for (const [n, { daysAgo, ...notification }] of SEED_NOTIFICATIONS.entries()) {
    // Fixed event ids make the seed idempotent, like the events consumer.
    await notifications.create({
      ...notification,
      userId: tenant.id,
      eventId: `seed-${n + 1}`,
      createdAt: ago(daysAgo),
    });
  }
  return {
    profiles: SEED_USERS.length,
    articles: SEED_ARTICLES.length,
    notifications: SEED_NOTIFICATIONS.length,
    tenant: tenant.email,
  };
}
