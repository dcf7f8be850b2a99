// Account deletion as it runs in production: web's saga with its real steps (deletionDeps), whose
// pets step calls pets' real retire route over HTTP (the handler served by node:http), against the
// test PostgreSQL and Mongo-wire server. A failure is injected by wrapping one real step.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { bookingRepository, deletedEmail } from "@burrow/db";
import { png } from "@burrow/storage/fixtures";
import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as retireRoute } from "../apps/pets/src/app/api/internal/users/[id]/retire/route";
import { deletionDeps } from "../apps/web/src/server/account-deletion/deps";
import {
  DELETION_STEPS,
  type DeletionDeps,
  type DeletionStep,
  deleteAccount,
  resumeAccountDeletions,
} from "../apps/web/src/server/account-deletion/saga";
import { DELETED_AUTHOR_ID } from "../apps/web/src/server/mongo/account-deletion";
import { Article } from "../apps/web/src/server/mongo/articles";
import { disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { ensureProfile, Profile, replaceAvatar } from "../apps/web/src/server/mongo/profile";
import { photos } from "../apps/web/src/server/photos";

const { db } = testDatabase(4);
const make = factories(db);
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Pets' retire route on a local port, recording which users it was asked to retire. */
const pets = {
  server: null as http.Server | null,
  port: 0,
  retired: [] as string[],
  async start() {
    this.server = http.createServer(async (req, res) => {
      const id = decodeURIComponent(/^\/api\/internal\/users\/([^/]+)\/retire$/.exec(req.url ?? "")?.[1] ?? "");
      this.retired.push(id);
      const response = await retireRoute(
        new Request(`http://pets.test${req.url}`, { method: req.method, headers: req.headers as HeadersInit }),
        { params: Promise.resolve({ id }) },
      );
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    vi.stubEnv("PETS_URL", `http://127.0.0.1:${this.port}`);
  },
  stop() {
    return new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  },
};

beforeAll(async () => {
  vi.stubEnv("SERVICE_TOKEN_SECRET", randomBytes(32).toString("base64url"));
  await ensureProfile("warm-up"); // connects and builds the indexes
  await Promise.all([Profile.deleteMany({}), Notification.deleteMany({}), Article.deleteMany({})]);
  await pets.start();
});
afterAll(async () => {
  await pets.stop();
  await disconnectMongo();
  vi.unstubAllEnvs();
});

/** A sitter with data in every store (a listing with an open request, a session, Mongo documents). */
async function account(tag: string) {
  const user = await db.user.create({
    data: { email: `${tag}@burrow.test`, name: tag, screenname: tag, role: "SITTER" },
  });
  await db.session.create({ data: { sessionToken: `${tag}-s`, userId: user.id, expires: new Date("2099-01-01") } });
  await make.request((await make.user()).id, (await make.listing(user.id)).id, ahead(30), ahead(33));
  await ensureProfile(user.id);
  const avatar = await photos().storeImage({ kind: "avatar", id: user.id }, await png(120, 120));
  if (!avatar.ok) throw new Error(avatar.message);
  await replaceAvatar(user.id, avatar.image);
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

/** The real steps, with `step` throwing instead of running. */
function failingAt(step: DeletionStep): DeletionDeps {
  return {
    ...deletionDeps(),
    [step]: async () => {
      throw new Error(`injected failure at ${step}`);
    },
  };
}

/** Where the user's data is, in both stores. */
async function state(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const listings = await db.listing.findMany({ where: { sitterId: userId }, include: { bookings: true } });
  return {
    anonymised: user.email === deletedEmail(userId) && user.deletedAt !== null && user.screenname === null,
    listings: listings.map((l) => l.status),
    requests: listings.flatMap((l) => l.bookings.map((b) => b.status)),
    sessions: await db.session.count({ where: { userId } }),
    profile: await Profile.countDocuments({ userId }),
    notifications: await Notification.countDocuments({ userId }),
    drafts: await Article.countDocuments({ authorId: userId, status: "DRAFT" }),
    articles: await Article.countDocuments({ authorId: userId }),
    avatarObjects: await avatarObjects(userId),
  };
}

/** The user's avatar variants in the bucket. */
async function avatarObjects(userId: string): Promise<number> {
  const { client, bucket } = photos();
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `img/avatar/${userId}/` }));
  return page.KeyCount ?? 0;
}

const GONE = {
  anonymised: true,
  listings: ["ARCHIVED"],
  requests: ["DECLINED"],
  sessions: 0,
  profile: 0,
  notifications: 0,
  drafts: 0,
  articles: 0,
  avatarObjects: 0,
};
const UNTOUCHED = {
  anonymised: false,
  listings: ["ACTIVE"],
  requests: ["REQUESTED"],
  sessions: 1,
  profile: 1,
  notifications: 2,
  drafts: 1,
  articles: 2,
  avatarObjects: 3,
};

describe("account deletion saga, with pets' real retire route", () => {
  it("deletes and anonymises across pets, PostgreSQL and Mongo, leaving everyone else alone", async () => {
    const [userId, bystander] = [await account("leaver"), await account("stayer")];
    pets.retired = [];
    expect(await deleteAccount(userId, deletionDeps())).toEqual({ finished: true });
    expect(await state(userId)).toEqual(GONE);
    expect(pets.retired).toEqual([userId]);
    expect(await Article.findOne({ slug: "leaver-post" }).lean()).toMatchObject({ authorId: DELETED_AUTHOR_ID });
    expect(await state(bystander)).toEqual(UNTOUCHED);
    // Running it again finds the log finished, changes nothing and does not call pets.
    expect(await deleteAccount(userId, deletionDeps())).toEqual({ finished: true });
    expect(pets.retired).toEqual([userId]);
  });

  for (const [index, step] of DELETION_STEPS.entries()) {
    it(`resumes to a consistent end state after a failure at "${step}"`, async () => {
      const userId = await account(`fail-${step}`);
      pets.retired = [];
      const outcome = await deleteAccount(userId, failingAt(step));
      expect(outcome).toEqual({ finished: false, failedAt: step, error: `injected failure at ${step}` });

      // Steps before the failure ran, the failed one and those after did not.
      const midway = await state(userId);
      const ran = (s: DeletionStep) => DELETION_STEPS.indexOf(s) < index;
      expect(midway.listings).toEqual([ran("listings") ? "ARCHIVED" : "ACTIVE"]);
      expect(midway.anonymised).toBe(ran("identity"));
      expect(midway.sessions).toBe(ran("identity") ? 0 : 1);
      expect(midway.notifications).toBe(ran("notifications") ? 0 : 2);
      expect(midway.drafts).toBe(ran("articles") ? 0 : 1);
      expect(midway.avatarObjects).toBe(ran("avatar") ? 0 : 3);
      expect(midway.profile).toBe(1);

      const { finished } = await resumeAccountDeletions(deletionDeps());
      expect(finished).toBeGreaterThanOrEqual(1);
      expect(await state(userId)).toEqual(GONE);
      // Pets was called once by the first attempt if the failure came later, else once by the resumer.
      expect(pets.retired).toEqual([userId]);
    });
  }

  it("fails at the pets step while pets is down, having changed nothing, and resumes once it is back", async () => {
    const userId = await account("pets-down");
    await pets.stop();
    const outcome = await deleteAccount(userId, deletionDeps());
    expect(outcome).toMatchObject({ finished: false, failedAt: "listings" });
    expect(await state(userId)).toEqual(UNTOUCHED);

    await pets.start();
    expect(await resumeAccountDeletions(deletionDeps())).toEqual({ resumed: 1, finished: 1 });
    expect(await state(userId)).toEqual(GONE);
  });

  it("maps pets' 409 for an accepted stay to a refusal, forgets the attempt and changes nothing", async () => {
    const userId = await account("refused");
    const sitter = await make.user("SITTER");
    const stay = await make.request(userId, (await make.listing(sitter.id)).id, ahead(40), ahead(42));
    expectOk(await bookingRepository(db).accept(stay.id, sitter.id));
    const before = await state(userId);
    pets.retired = [];

    const outcome = await deleteAccount(userId, deletionDeps());
    expect(outcome).toEqual({ finished: false, refused: expect.stringMatching(/1 accepted stay/) });
    expect(pets.retired).toEqual([userId]);
    expect(await state(userId)).toEqual(before);
    // Not left for the resumer: it would only be refused again.
    expect(await resumeAccountDeletions(deletionDeps())).toEqual({ resumed: 0, finished: 0 });
    expect(pets.retired).toEqual([userId]);
  });
  it("two instances resuming at once split the interrupted deletions: each user's steps run once", async () => {
    const users: string[] = [];
    for (let i = 0; i < 12; i++) {
      const userId = await account(`interrupted-${i}`);
      expect(await deleteAccount(userId, failingAt("listings"))).toMatchObject({
        finished: false,
        failedAt: "listings",
      });
      users.push(userId);
    }
    pets.retired = [];
    // Each instance's real steps, counting every run of a step for a user.
    const runs = new Map<string, number>();
    const counted = (): DeletionDeps => {
      const real = deletionDeps();
      const step = (name: DeletionStep) => async (userId: string) => {
        runs.set(`${name} ${userId}`, (runs.get(`${name} ${userId}`) ?? 0) + 1);
        await real[name](userId);
      };
      return Object.fromEntries(DELETION_STEPS.map((name) => [name, step(name)])) as DeletionDeps;
    };

    const [first, second] = await Promise.all([resumeAccountDeletions(counted()), resumeAccountDeletions(counted())]);
    expect(first.finished + second.finished).toBeGreaterThanOrEqual(users.length);
    for (const userId of users) expect(await state(userId)).toEqual(GONE);
    expect(runs.size).toBe(users.length * DELETION_STEPS.length);
    expect([...runs].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...pets.retired].sort()).toEqual([...users].sort());
  });
});
