// Web's demo documents are dated from the day of seeding, and a second run changes nothing.
import { SEED_USERS } from "@burrow/db/seed";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { Article } from "./articles";
import { connectMongo, disconnectMongo } from "./connection";
import { Notification } from "./notifications";
import { Profile } from "./profile";
import { SEED_ARTICLES, seedMongo } from "./seed";

const DAY_MS = 86_400_000;

beforeEach(async () => {
  await connectMongo();
  await Promise.all([Profile.deleteMany({}), Article.deleteMany({}), Notification.deleteMany({})]);
});
afterAll(() => disconnectMongo());

const dated = async () => ({
  articles: (await Article.find({}, { slug: 1, publishedAt: 1 }).sort({ slug: 1 }).lean()).map((a) => [
    a.slug,
    a.publishedAt?.getTime(),
  ]),
  notifications: (await Notification.find({}, { eventId: 1, createdAt: 1 }).sort({ eventId: 1 }).lean()).map((n) => [
    n.eventId,
    n.createdAt.getTime(),
  ]),
});

describe("seedMongo", () => {
  it.each([
    ["today", new Date()],
    ["in 2040", new Date("2040-08-31T23:30:00Z")],
  ])("run %s: profiles for every seed user, articles and notifications in the weeks before", async (_, now) => {
    await seedMongo(now);
    expect(await Profile.countDocuments({ userId: { $in: SEED_USERS.map((u) => u.id) } })).toBe(SEED_USERS.length);
    const { articles, notifications } = await dated();
    expect(articles).toHaveLength(SEED_ARTICLES.length);
    expect(notifications.length).toBeGreaterThan(0);
    for (const [, time] of [...articles, ...notifications]) {
      expect(time).toBeLessThanOrEqual(now.getTime());
      expect(time).toBeGreaterThan(now.getTime() - 120 * DAY_MS);
    }
  });

  it("dates every document at the same distance from the run date, and leaves them alone on a rerun", async () => {
    const first = new Date("2031-03-15T10:00:00Z");
    await seedMongo(first);
    const before = await dated();
    await seedMongo(new Date(first.getTime() + 30 * DAY_MS));
    expect(await dated()).toEqual(before);

    await Promise.all([Article.deleteMany({}), Notification.deleteMany({})]);
    const shift = 400 * DAY_MS;
    await seedMongo(new Date(first.getTime() + shift));
    const shifted = await dated();
    const back = (rows: (string | number | undefined)[][]) => rows.map(([key, time]) => [key, Number(time) - shift]);
    expect({ articles: back(shifted.articles), notifications: back(shifted.notifications) }).toEqual(before);
  });
});
