import { accountDeletionRepository, createPrismaClient, deletedEmail } from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETED_AUTHOR_ID } from "../mongo/account-deletion";
import { Article } from "../mongo/articles";
import { disconnectMongo } from "../mongo/connection";
import { Notification } from "../mongo/notifications";
import { ensureProfile, Profile } from "../mongo/profile";
import {
  DELETION_STEPS,
  type DeletionDeps,
  DeletionRefused,
  type DeletionStep,
  deleteAccount,
  resumeAccountDeletions,
} from "./saga";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 4);
const sql = new pg.Client({ connectionString: url });
const identity = accountDeletionRepository(db);

beforeAll(async () => {
  await sql.connect();
  await cleanPostgres(sql);
  await ensureProfile("warm-up"); // connects and builds the indexes
  await Promise.all([Profile.deleteMany({}), Notification.deleteMany({}), Article.deleteMany({})]);
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
  await disconnectMongo();
});

/** A user with data in every store, plus a bystander whose data must survive. */
async function account(tag: string) {
  const user = await db.user.create({ data: { email: `${tag}@burrow.test`, name: tag, screenname: tag } });
  await db.session.create({ data: { sessionToken: `${tag}-s`, userId: user.id, expires: new Date("2030-01-01") } });
  await ensureProfile(user.id);
  await Notification.create([
    { userId: user.id, type: "t", title: "a", eventId: `${tag}-e1`, createdAt: new Date() },
    { userId: user.id, type: "t", title: "b", eventId: `${tag}-e2`, createdAt: new Date() },
  ]);
  await Article.create([
    { slug: `${tag}-draft`, title: "Draft", body: "x", authorId: user.id, status: "DRAFT" },
    { slug: `${tag}-post`, title: "Post", body: "y", authorId: user.id, status: "PUBLISHED", publishedAt: new Date() },
  ]);
  return user.id;
}

function deps(failAt?: DeletionStep) {
  const retired: string[] = [];
  const d: DeletionDeps = {
    retireListings: async (id) => {
      retired.push(id);
    },
    anonymiseIdentity: async (id) => {
      await identity.anonymize(id);
    },
    ...(failAt ? { failAt } : {}),
  };
  return { deps: d, retired };
}

/** Where the user's data is, in both stores. */
async function state(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    anonymised: user.email === deletedEmail(userId) && user.deletedAt !== null && user.screenname === null,
    sessions: await db.session.count({ where: { userId } }),
    profile: await Profile.countDocuments({ userId }),
    notifications: await Notification.countDocuments({ userId }),
    drafts: await Article.countDocuments({ authorId: userId, status: "DRAFT" }),
    articles: await Article.countDocuments({ authorId: userId }),
  };
}

const GONE = { anonymised: true, sessions: 0, profile: 0, notifications: 0, drafts: 0, articles: 0 };

describe("account deletion saga", () => {
  it("deletes and anonymises across PostgreSQL and Mongo, leaving everyone else alone", async () => {
    const [userId, bystander] = [await account("leaver"), await account("stayer")];
    const { deps: d, retired } = deps();
    expect(await deleteAccount(userId, d)).toEqual({ finished: true });
    expect(await state(userId)).toEqual(GONE);
    expect(retired).toEqual([userId]);
    expect(await Article.findOne({ slug: "leaver-post" }).lean()).toMatchObject({ authorId: DELETED_AUTHOR_ID });
    expect(await state(bystander)).toEqual({
      anonymised: false,
      sessions: 1,
      profile: 1,
      notifications: 2,
      drafts: 1,
      articles: 2,
    });
    // Running it again finds the log finished and changes nothing.
    expect(await deleteAccount(userId, deps().deps)).toEqual({ finished: true });
  });

  for (const [index, step] of DELETION_STEPS.entries()) {
    it(`resumes to a consistent end state after a failure at "${step}"`, async () => {
      const userId = await account(`fail-${step}`);
      const outcome = await deleteAccount(userId, deps(step).deps);
      expect(outcome).toMatchObject({ finished: false, failedAt: step });

      // Steps before the failure ran, the failed one and those after did not.
      const midway = await state(userId);
      const ran = (s: DeletionStep) => DELETION_STEPS.indexOf(s) < index;
      expect(midway.anonymised).toBe(ran("identity"));
      expect(midway.sessions).toBe(ran("identity") ? 0 : 1);
      expect(midway.notifications).toBe(ran("notifications") ? 0 : 2);
      expect(midway.profile).toBe(1);

      const resumed = deps();
      const { finished } = await resumeAccountDeletions(resumed.deps);
      expect(finished).toBeGreaterThanOrEqual(1);
      expect(await state(userId)).toEqual(GONE);
      // The pets step ran again only if it had not finished before.
      expect(resumed.retired.includes(userId)).toBe(step === "listings");
    });
  }

  it("forgets a deletion that pets refuses up front, changing nothing", async () => {
    const userId = await account("refused");
    const before = await state(userId);
    const refusing: DeletionDeps = {
      ...deps().deps,
      retireListings: async () => {
        throw new DeletionRefused("You have 1 accepted stay(s)");
      },
    };
    expect(await deleteAccount(userId, refusing)).toEqual({ finished: false, refused: "You have 1 accepted stay(s)" });
    expect(await state(userId)).toEqual(before);
    // Not left for the resumer: it would only be refused again.
    const resumed = deps();
    await resumeAccountDeletions(resumed.deps);
    expect(resumed.retired).not.toContain(userId);
  });
});
