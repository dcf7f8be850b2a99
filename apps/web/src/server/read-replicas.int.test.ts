// Read replicas through both apps' code paths (web's pages and actions, pets' actions), on a real streaming standby (@burrow/testing/replica) of
// this file's own embedded PostgreSQL 18, migrated as in production, with the app's own replica probe
// (DATABASE_REPLICA_URLS, every second). A sitter edits a listing through pets' server action, which
// sets the burrow-write-lsn cookie; with the standby's replay paused, the sitter's browser (the cookie)
// reads web's listing page and search on the primary while an anonymous browser still gets the
// replica's old row, and sees the edit once replay resumes. Replay paused past REPLICA_MAX_LAG_SECONDS:
// skipped, web's readiness reports the lag and stays 200. Replica stopped under page load: no read
// fails; back: used again. And every user-facing write of both apps sets the cookie.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { WRITE_POSITION_COOKIE } from "@burrow/auth/read-your-writes";
import { createPrismaClient, type Db, lsnValue, replicaSet, writePosition } from "@burrow/db";
import { deploy, migrationsDir, readMigrations, repoMigrator } from "@burrow/migrations";
import { factories } from "@burrow/testing";
import { stubAppEnv } from "@burrow/testing/harness";
import { runInRequestScope } from "@burrow/testing/next";
import { launchReplica, type Replica } from "@burrow/testing/replica";
import { launchEmbeddedPostgres } from "@burrow/testing/services";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { becomeSitter, setScreenname } from "@/app/account/actions";
import { changeRole } from "@/app/admin/actions";
import { GET as webReady } from "@/app/api/health/ready/route";
import SearchPage from "@/app/listings/(search)/page";
import { generateMetadata as listingMetadata } from "@/app/listings/[id]/page";
import { generateMetadata as profileMetadata } from "@/app/u/[screenname]/page";
import { disconnectMongo } from "@/server/mongo/connection";

// Pets' actions are loaded by path: their "@/…" imports are pets' (vitest resolves them with pets'
// tsconfig), which web's typecheck cannot follow.
const PETS_APP = path.resolve(import.meta.dirname, "../../../pets/src/app");
type FormAction = (state: object, form: FormData) => Promise<unknown>;
const pets = async <K extends string>(file: string) =>
  (await import(path.join(PETS_APP, file))) as Record<K, FormAction>;
const { createListing, updateListing, changeListingStatus, setWeeklyPlan, addBlock, removeBlock } = await pets<
  "createListing" | "updateListing" | "changeListingStatus" | "setWeeklyPlan" | "addBlock" | "removeBlock"
>("listings/actions.ts");
const { decideRequest, cancelAsSitter } = await pets<"decideRequest" | "cancelAsSitter">("requests/actions.ts");
const { cancelStay } = await pets<"cancelStay">("stays/actions.ts");

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";

let primary: Awaited<ReturnType<typeof launchEmbeddedPostgres>>;
let replica: Replica;
let db: Db;

beforeAll(async () => {
  primary = await launchEmbeddedPostgres({ database: "replicas" });
  await deploy(repoMigrator(primary.url));
  replica = await launchReplica(primary.url, primary.dataDir);
  stubAppEnv({
    DATABASE_URL: primary.url,
    DATABASE_REPLICA_URLS: replica.url,
    BURROW_MIGRATION_LEVEL: readMigrations(migrationsDir).at(-1)?.name as string,
    EMAIL_SERVER: "smtp://localhost:2525",
    WEB_URL: WEB,
    PETS_URL: PETS,
  });
  db = createPrismaClient(primary.url, 2);
  // The app's replica set (made on first use, probing every second) finds the standby streaming.
  await vi.waitFor(() => expect(replicaSet()?.status()[0]?.usable).toBe(true), { timeout: 30_000, interval: 200 });
}, 180_000);

afterAll(async () => {
  await onReplica("SELECT pg_wal_replay_resume()").catch(() => {});
  await disconnectMongo();
  await replicaSet()?.close();
  await db?.$disconnect();
  await replica?.remove();
  await primary?.stop();
  vi.unstubAllEnvs();
});

/** One statement on the standby itself (pausing and resuming replay), on a connection of its own. */
async function onReplica(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: replica.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A signed-in browser's cookie: a database session, as the magic-link flow leaves it. */
async function sessionCookie(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 3_600_000) } });
  return `authjs.session-token=${sessionToken}`;
}

/** Runs a server action as `cookie`'s browser on `origin`; its state (or redirect) and the LSN cookie it set. */
async function act<S>(origin: string, cookie: string, action: () => Promise<S>) {
  const request = new NextRequest(`${origin}/`, { method: "POST", headers: { origin, cookie } });
  const { result, setCookies } = await runInRequestScope(request, async () => {
    try {
      return await action();
    } catch (error) {
      if (isRedirectError(error)) return { redirect: error.digest.split(";")[2] } as S;
      throw error;
    }
  });
  // As the browser stores it: URL-encoded ("0%2F3000060").
  const cookieValue = new RegExp(`${WRITE_POSITION_COOKIE}=([^;,]+)`).exec(setCookies)?.[1];
  return { result, lsn: cookieValue ? decodeURIComponent(cookieValue) : null };
}

/** Runs a web page function as a browser with `cookie` ("" for an anonymous one). */
const asBrowser = <T>(cookie: string, read: () => Promise<T>) =>
  runInRequestScope(new NextRequest(`${WEB}/`, { headers: { cookie } }), read).then(({ result }) => result);

/** The title web's listing page shows to that browser. */
const pageTitle = async (cookie: string, id: string) =>
  (
    await asBrowser(cookie, () =>
      listingMetadata({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }),
    )
  ).title;

/** The titles web's search (/listings?city=…) lists for that browser. */
async function searchTitles(cookie: string, city: string): Promise<string[]> {
  const page = await asBrowser(cookie, () => SearchPage({ searchParams: Promise.resolve({ city }) }));
  return [...JSON.stringify(page).matchAll(/"title":"([^"]*)"/g)].map((m) => m[1] as string);
}

/** Until the replica has replayed the primary's position now (as the probe sees it). */
async function caughtUp(): Promise<void> {
  const lsn = await writePosition(db);
  await expect.poll(() => replicaSet()?.pick(lsn) != null, { timeout: 30_000, interval: 100 }).toBe(true);
}

const listingForm = (listingId: string, title: string) => {
  const form = new FormData();
  const fields = {
    listingId,
    title,
    description: "Long walks, a quiet home.",
    city: "Replica Bay",
    timeZone: "Europe/Berlin",
    price: "45.00",
    currency: "EUR",
    maxPets: "3",
    cancellationPolicy: "MODERATE",
  };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.append("species", "DOG");
  return form;
};

/**
 * Whether anonymous reads of web's listing page are answered by the replica: with replay paused, the
 * primary has a newer title than the replica.
 */
async function anonymousReadsReplica(listingId: string): Promise<boolean> {
  await db.listing.update({ where: { id: listingId }, data: { title: "Replayed title" } });
  await caughtUp();
  await onReplica("SELECT pg_wal_replay_pause()");
  try {
    await db.listing.update({ where: { id: listingId }, data: { title: "Unreplayed title" } });
    return (await pageTitle("", listingId)) === "Replayed title";
  } finally {
    await onReplica("SELECT pg_wal_replay_resume()");
  }
}

describe("a sitter edits a listing in pets; web reads it", () => {
  it("the sitter sees the edit at once (primary), an anonymous reader sees it once replayed", async () => {
    const make = factories(db);
    const sitter = await make.user("SITTER");
    const listing = await make.listing(sitter.id, { title: "Before the edit", city: "Replica Bay" });
    const sitterCookie = await sessionCookie(sitter.id);
    await caughtUp();
    expect(await pageTitle("", listing.id)).toBe("Before the edit");

    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      const { result, lsn } = await act(PETS, sitterCookie, () =>
        updateListing({}, listingForm(listing.id, "After the edit")),
      );
      expect(result).toMatchObject({ done: "Listing saved." });
      expect(lsn).not.toBeNull();
      const browser = `${sitterCookie}; ${WRITE_POSITION_COOKIE}=${encodeURIComponent(lsn as string)}`;
      // The replica has not replayed the edit: the sitter's browser is answered by the primary ...
      expect(replicaSet()?.pick(lsn)).toBeNull();
      expect(await pageTitle(browser, listing.id)).toBe("After the edit");
      expect(await searchTitles(browser, "Replica Bay")).toEqual(["After the edit"]);
      // ... while an anonymous one is still served by the replica, which has the row as it was.
      expect(replicaSet()?.status()[0]?.usable).toBe(true);
      expect(await pageTitle("", listing.id)).toBe("Before the edit");
      expect(await searchTitles("", "Replica Bay")).toEqual(["Before the edit"]);
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
    await expect.poll(() => pageTitle("", listing.id), { timeout: 30_000, interval: 200 }).toBe("After the edit");
    expect(await searchTitles("", "Replica Bay")).toEqual(["After the edit"]);
  });

  it("a user's new screenname: their public profile is read where it is already there", async () => {
    const user = await factories(db).user("TENANT");
    const cookie = await sessionCookie(user.id);
    await caughtUp();
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      const form = new FormData();
      form.set("screenname", "replica_reader");
      const { result, lsn } = await act(WEB, cookie, () => setScreenname({}, form));
      expect(result).toMatchObject({ saved: true });
      const profile = (browser: string) =>
        asBrowser(browser, () => profileMetadata({ params: Promise.resolve({ screenname: "replica_reader" }) }));
      expect((await profile(`${cookie}; ${WRITE_POSITION_COOKIE}=${encodeURIComponent(lsn as string)}`)).title).toBe(
        "replica_reader",
      );
      // Anonymous: the replica does not know the name yet.
      expect((await profile("")).title).toBe("Profile not found");
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
  });
});

describe("faults", () => {
  it("replay paused past REPLICA_MAX_LAG_SECONDS: skipped, readiness reports the lag and stays 200", async () => {
    const listing = await factories(db).listing((await factories(db).user("SITTER")).id, { title: "Lagging" });
    await caughtUp();
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      await db.listing.update({ where: { id: listing.id }, data: { title: "Written while lagging" } });
      const replicas = async () => {
        const response = await webReady();
        const body = (await response.json()) as {
          checks: {
            replicas: { status: string; replicas: { usable: boolean; lagSeconds: number; reason?: string }[] };
          };
        };
        return {
          httpStatus: response.status,
          check: body.checks.replicas.status,
          replicas: body.checks.replicas.replicas,
        };
      };
      // The default limit is 10 s: the probe skips the replica once it is further behind.
      await expect
        .poll(async () => (await replicas()).replicas[0]?.usable, { timeout: 40_000, interval: 500 })
        .toBe(false);
      const ready = await replicas();
      expect(ready.httpStatus).toBe(200);
      expect(ready.check).toBe("ok");
      expect(ready.replicas[0]?.reason).toMatch(/^lagging [\d.]+ s \(> 10 s\)$/);
      expect(ready.replicas[0]?.lagSeconds).toBeGreaterThan(10);
      // Anonymous readers get the primary meanwhile.
      expect(await pageTitle("", listing.id)).toBe("Written while lagging");
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
    await expect.poll(() => replicaSet()?.status()[0]?.usable, { timeout: 30_000, interval: 200 }).toBe(true);
    expect(await anonymousReadsReplica(listing.id)).toBe(true);
  });

  it("replica stopped under page load: every read answered (by the primary); back: used again", async () => {
    const listing = await factories(db).listing((await factories(db).user("SITTER")).id, { city: "Load Town" });
    await caughtUp();
    let stopped = false;
    const outcomes = { ok: 0, failed: [] as string[] };
    const load = (async () => {
      while (!stopped) {
        await Promise.all(
          Array.from({ length: 6 }, async (_, i) => {
            try {
              const found = i % 2 ? await pageTitle("", listing.id) : (await searchTitles("", "Load Town"))[0];
              if (found !== listing.title) throw new Error(`read ${found}`);
              outcomes.ok++;
            } catch (error) {
              outcomes.failed.push(String(error));
            }
          }),
        );
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await replica.stop();
    await expect
      .poll(() => replicaSet()?.status()[0]?.reason ?? "", { timeout: 20_000, interval: 100 })
      .toMatch(/^down/);
    await new Promise((r) => setTimeout(r, 500));
    stopped = true;
    await load;
    expect(outcomes.failed).toEqual([]);
    expect(outcomes.ok).toBeGreaterThan(0);

    await replica.start();
    await expect.poll(() => replicaSet()?.status()[0]?.usable, { timeout: 30_000, interval: 200 }).toBe(true);
    expect(await anonymousReadsReplica(listing.id)).toBe(true);
  });
});

describe("every user-facing write sets the write-position cookie", () => {
  it("pets: listing create, edit, pause, resume, archive, weekly plan, blocks, accept, decline, both cancellations", async () => {
    const make = factories(db);
    const sitter = await make.user("SITTER");
    const tenant = await make.user("TENANT");
    const [sitterCookie, tenantCookie] = [await sessionCookie(sitter.id), await sessionCookie(tenant.id)];
    const listing = await make.listing(sitter.id);
    const form = (fields: Record<string, string | string[]>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) {
        for (const v of [value].flat()) data.append(name, v);
      }
      return data;
    };
    const block = { listingId: listing.id, start: "2031-03-02", end: "2031-03-05" };
    const booking = await make.request(tenant.id, listing.id, "2031-04-01", "2031-04-04");
    const declined = await make.request(tenant.id, listing.id, "2031-05-01", "2031-05-04");
    const cancelled = await make.request(tenant.id, listing.id, "2031-06-01", "2031-06-04");

    // In an order each can succeed in: the stay is accepted and cancelled while every night is bookable.
    const writes: [string, string, () => Promise<unknown>][] = [
      ["createListing", sitterCookie, () => createListing({}, listingForm("", "Created"))],
      ["updateListing", sitterCookie, () => updateListing({}, listingForm(listing.id, "Edited"))],
      ["accept", sitterCookie, () => decideRequest({}, form({ bookingId: booking.id, intent: "accept" }))],
      ["cancelStay", tenantCookie, () => cancelStay({}, form({ bookingId: booking.id }))],
      ["decline", sitterCookie, () => decideRequest({}, form({ bookingId: declined.id, intent: "decline" }))],
      ["accept another", sitterCookie, () => decideRequest({}, form({ bookingId: cancelled.id, intent: "accept" }))],
      [
        "cancelAsSitter",
        sitterCookie,
        () => cancelAsSitter({}, form({ bookingId: cancelled.id, reason: "The flat is flooded" })),
      ],
      ["pause", sitterCookie, () => changeListingStatus({}, form({ listingId: listing.id, intent: "pause" }))],
      ["resume", sitterCookie, () => changeListingStatus({}, form({ listingId: listing.id, intent: "resume" }))],
      ["setWeeklyPlan", sitterCookie, () => setWeeklyPlan({}, form({ listingId: listing.id, weekdays: ["1", "2"] }))],
      ["addBlock", sitterCookie, () => addBlock({}, form(block))],
      [
        "removeBlock",
        sitterCookie,
        async () => {
          const { id } = await db.availabilityBlock.findFirstOrThrow({ where: { listingId: listing.id } });
          return removeBlock({}, form({ listingId: listing.id, blockId: id }));
        },
      ],
      ["archive", sitterCookie, () => changeListingStatus({}, form({ listingId: listing.id, intent: "archive" }))],
    ];
    for (const [name, cookie, write] of writes) {
      const before = await writePosition(db);
      const { result, lsn } = await act(PETS, cookie, write);
      expect(result, name).not.toHaveProperty("error");
      expect(result, name).not.toHaveProperty("fieldErrors");
      expect(lsn, `${name} sets ${WRITE_POSITION_COOKIE}`).not.toBeNull();
      expect(lsnValue(lsn as string) > lsnValue(before), `${name}: the cookie is past the write`).toBe(true);
    }
  });

  it("web: screenname, becoming a sitter, an admin's role change", async () => {
    const user = await factories(db).user("TENANT");
    const cookie = await sessionCookie(user.id);
    const adminCookie = await sessionCookie((await factories(db).user("ADMIN")).id);
    const role = new FormData();
    role.set("userId", user.id);
    role.set("role", "TENANT");
    const form = new FormData();
    form.set("screenname", "cookie_writer");
    const writes: [string, string, () => Promise<unknown>][] = [
      ["setScreenname", cookie, () => setScreenname({}, form)],
      ["becomeSitter", cookie, () => becomeSitter()],
      ["changeRole", adminCookie, () => changeRole({}, role)],
    ];
    for (const [name, browser, write] of writes) {
      const before = await writePosition(db);
      const { result, lsn } = await act(WEB, browser, write);
      expect(result ?? {}, name).not.toHaveProperty("error");
      expect(lsn, `${name} sets ${WRITE_POSITION_COOKIE}`).not.toBeNull();
      expect(lsnValue(lsn as string) > lsnValue(before), name).toBe(true);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("TENANT");
  });
});
