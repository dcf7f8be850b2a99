// Web's documents in MongoDB written with the plain driver, for tests outside web's own code (the
// Playwright fixtures cannot load web's Mongoose models; cross-app vitest tests should not need to).
import { randomBytes } from "node:crypto";
import type { Db } from "mongodb";

const DAY_MS = 86_400_000;

/** The user a document belongs to (a PostgreSQL user row). */
interface Person {
  id: string;
  name: string | null;
}

/** Web's documents in MongoDB (profiles, articles, notifications), shaped as web's Mongoose models store them. */
export function webDocuments(db: Db) {
  return {
    /** A public profile with a bio, a pet and a category. */
    async profile(user: Person): Promise<void> {
      const now = new Date();
      await db.collection("profiles").insertOne({
        userId: user.id,
        bio: `${user.name} has looked after neighbours' pets for years.`,
        socialLinks: [],
        pets: [{ name: "Biscuit", species: "DOG", age: 4 }],
        categories: ["sitting"],
        emailOff: [],
        createdAt: now,
        updatedAt: now,
      });
    },
    /** A published article by `author`; returns its slug and title. */
    async article(author: Person): Promise<{ slug: string; title: string }> {
      const t = randomBytes(4).toString("hex");
      const article = { slug: `night-walks-${t}`, title: `Night walks with a nervous dog ${t}` };
      const publishedAt = new Date(Date.now() - DAY_MS);
      await db.collection("articles").insertOne({
        ...article,
        body: "Keep it **short**:\n\n- a lead and a light\n- the same route each night\n\n| What | Why |\n|---|---|\n| Treats | calm |",
        tags: ["dogs"],
        authorId: author.id,
        status: "PUBLISHED",
        publishedAt,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      });
      return article;
    },
    /** An unread notification for `user`, as web's events consumer writes them. */
    async notification(user: Person, title: string, link: string): Promise<void> {
      await db.collection("notifications").insertOne({
        userId: user.id,
        type: "booking.accepted",
        title,
        body: "",
        link,
        eventId: `e2e-${randomBytes(8).toString("hex")}`,
        readAt: null,
        createdAt: new Date(),
      });
    },
  };
}
