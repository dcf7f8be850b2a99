// Burrow's Auth.js configuration on real PostgreSQL: the Prisma adapter, database sessions and the
// magic-link flow, driven through @auth/core's Auth() exactly as the apps' route handlers do.
import { randomUUID } from "node:crypto";
import { Auth } from "@auth/core";
import type { Adapter } from "@auth/core/adapters";
import { createPrismaClient } from "@burrow/db";
import { CookieJar } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthConfig } from "./config";
import { type AuthEnv, parseAuthEnv } from "./env";
import { SIGN_IN_LINKS_PER_WINDOW } from "./rate-limit";

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";
const COOKIE = "authjs.session-token";

const { db, sql, url } = testDatabase(4, { cleanEach: true });
let catcher: MailCatcher;
let env: AuthEnv;
let config: ReturnType<typeof createAuthConfig>;

beforeAll(async () => {
  catcher = await startMailCatcher();
  env = parseAuthEnv({
    AUTH_SECRET: "integration-test-secret-0123456789abcdef",
    EMAIL_SERVER: catcher.smtpUrl,
    EMAIL_FROM: "Burrow <no-reply@burrow.test>",
    WEB_URL: WEB,
    PETS_URL: PETS,
    ADMIN_EMAILS: "ops@burrow.test",
  });
  config = createAuthConfig({ app: "web", env, db });
});
afterAll(async () => {
  await catcher.stop();
});

const adapter = (): Required<Adapter> => config.adapter as Required<Adapter>;

type Config = ReturnType<typeof createAuthConfig>;

async function call(jar: CookieJar, path: string, form?: Record<string, string>, origin = WEB, app: Config = config) {
  const init: RequestInit = { headers: { cookie: jar.header() } };
  if (form) {
    init.method = "POST";
    init.headers = { ...init.headers, "content-type": "application/x-www-form-urlencoded" };
    init.body = new URLSearchParams(form).toString();
  }
  return jar.take(await Auth(new Request(`${origin}${path}`, init), app));
}

async function csrf(jar: CookieJar, origin = WEB, app: Config = config) {
  const res = await call(jar, "/api/auth/csrf", undefined, origin, app);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function requestLink(jar: CookieJar, email: string, callbackUrl = `${WEB}/account`, origin = WEB) {
  const csrfToken = await csrf(jar);
  return call(jar, "/api/auth/signin/nodemailer", { email, csrfToken, callbackUrl }, origin);
}

function lastLink(email: string): string {
  const text = catcher.messages(email)[0]?.text ?? "";
  const link = text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link was e-mailed to ${email}`);
  return link;
}

async function follow(jar: CookieJar, link: string) {
  const { pathname, search } = new URL(link);
  return call(jar, `${pathname}${search}`);
}

async function session(jar: CookieJar) {
  const res = await call(jar, "/api/auth/session");
  expect(res.status).toBe(200);
  return (await res.json()) as { user: Record<string, unknown> } | null;
}

const sessionRows = async (email: string) =>
  Number(
    (
      await sql.query(
        "SELECT count(*) FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id WHERE u.email = $1",
        [email],
      )
    ).rows[0].count,
  );

const tokenRows = async (email: string) =>
  Number(
    (await sql.query("SELECT count(*) FROM identity.verification_tokens WHERE identifier = $1", [email])).rows[0].count,
  );

describe("Prisma adapter on PostgreSQL", () => {
  it("round-trips a user, an account, a session and a verification token", async () => {
    const a = adapter();
    const user = await a.createUser({
      id: "ignored-by-the-adapter",
      email: "round@burrow.test",
      emailVerified: null,
      name: "Round Trip",
    } as Parameters<typeof a.createUser>[0]);
    expect(user.id).not.toBe("ignored-by-the-adapter");
    expect(user).toMatchObject({ email: "round@burrow.test", role: "TENANT", screenname: null });
    expect((await a.getUser(user.id))?.email).toBe("round@burrow.test");
    expect((await a.getUserByEmail("round@burrow.test"))?.id).toBe(user.id);
    expect(await a.updateUser({ id: user.id, name: "Renamed" })).toMatchObject({ name: "Renamed" });

    await a.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "gh-1" });
    expect((await a.getUserByAccount({ provider: "github", providerAccountId: "gh-1" }))?.id).toBe(user.id);

    const expires = new Date(Date.now() + 60_000);
    const token = randomUUID();
    await a.createSession({ sessionToken: token, userId: user.id, expires });
    const found = await a.getSessionAndUser(token);
    expect(found?.session.expires.getTime()).toBe(expires.getTime());
    expect(found?.user).toMatchObject({ id: user.id, role: "TENANT" });
    const later = new Date(Date.now() + 120_000);
    await a.updateSession({ sessionToken: token, expires: later });
    expect((await a.getSessionAndUser(token))?.session.expires.getTime()).toBe(later.getTime());

    await a.createVerificationToken({ identifier: "round@burrow.test", token: "hashed", expires });
    expect(await a.useVerificationToken({ identifier: "round@burrow.test", token: "hashed" })).toMatchObject({
      identifier: "round@burrow.test",
    });
    expect(await a.useVerificationToken({ identifier: "round@burrow.test", token: "hashed" })).toBeNull();

    await a.deleteSession(token);
    expect(await a.getSessionAndUser(token)).toBeNull();
    await a.unlinkAccount({ provider: "github", providerAccountId: "gh-1" });
    expect(await a.getUserByAccount({ provider: "github", providerAccountId: "gh-1" })).toBeNull();
    await a.deleteUser(user.id);
    expect(await a.getUser(user.id)).toBeNull();
  });
});

describe("magic-link sign-in and database sessions", () => {
  it("e-mails a link on WEB_URL; following it creates a session row and the session carries role and flags", async () => {
    const jar = new CookieJar();
    const res = await requestLink(jar, " Ops@Burrow.test ");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${WEB}/api/auth/verify-request?provider=nodemailer&type=email`);

    const link = lastLink("ops@burrow.test");
    expect(new URL(link).origin).toBe(WEB);
    const signedIn = await follow(jar, link);
    expect(signedIn.headers.get("location")).toBe(`${WEB}/account`);
    expect(jar.get(COOKIE)).toBeTruthy();
    expect(await sessionRows("ops@burrow.test")).toBe(1);

    const s = await session(jar);
    expect(s?.user).toMatchObject({ email: "ops@burrow.test", role: "TENANT", screenname: null, isAdmin: true });
    expect(JSON.stringify(s)).not.toContain(jar.get(COOKIE));
  });

  it("runs onUserCreated once, for the first sign-in only, and signs in even when the hook fails", async () => {
    const created: string[] = [];
    const hooked = createAuthConfig({
      app: "web",
      env,
      db,
      hooks: {
        onUserCreated: async (id) => {
          created.push(id);
          if (created.length > 1) throw new Error("profile store is down");
        },
      },
    });
    const signInWith = async (email: string) => {
      const jar = new CookieJar();
      const csrfToken = await csrf(jar, WEB, hooked);
      await call(jar, "/api/auth/signin/nodemailer", { email, csrfToken, callbackUrl: `${WEB}/account` }, WEB, hooked);
      const { pathname, search } = new URL(lastLink(email));
      return call(jar, `${pathname}${search}`, undefined, WEB, hooked);
    };
    await signInWith("first@burrow.test");
    await signInWith("first@burrow.test");
    const { rows } = await sql.query("SELECT id FROM identity.users WHERE email = 'first@burrow.test'");
    expect(created).toEqual([rows[0].id]);

    const res = await signInWith("second@burrow.test");
    expect(res.headers.get("location")).toBe(`${WEB}/account`);
    expect(created).toHaveLength(2);
    expect(await sessionRows("second@burrow.test")).toBe(1);
  });

  it("refuses a used link and an expired link with the Verification error", async () => {
    const jar = new CookieJar();
    await requestLink(jar, "farah@burrow.test");
    const link = lastLink("farah@burrow.test");
    await follow(jar, link);

    const again = await follow(new CookieJar(), link);
    expect(again.headers.get("location")).toBe(`${WEB}/auth/error?error=Verification`);

    await requestLink(new CookieJar(), "farah@burrow.test");
    const second = lastLink("farah@burrow.test");
    await sql.query("UPDATE identity.verification_tokens SET expires = now() - interval '1 second'");
    const expired = await follow(new CookieJar(), second);
    expect(expired.headers.get("location")).toBe(`${WEB}/auth/error?error=Verification`);

    const unknown = await follow(
      new CookieJar(),
      `${WEB}/api/auth/callback/nodemailer?token=nope&email=farah%40burrow.test`,
    );
    expect(unknown.headers.get("location")).toBe(`${WEB}/auth/error?error=Verification`);
  });

  it("puts links on WEB_URL even when the request came with a forged host", async () => {
    await requestLink(new CookieJar(), "gus@burrow.test", "/", "http://evil.example");
    expect(new URL(lastLink("gus@burrow.test")).origin).toBe(WEB);
  });

  it("refuses an open-redirect callbackUrl and allows the pets origin", async () => {
    const jar = new CookieJar();
    await requestLink(jar, "hana@burrow.test", "https://evil.example/steal");
    const link = lastLink("hana@burrow.test");
    expect(new URL(link).searchParams.get("callbackUrl")).toBe(`${WEB}/`);
    expect((await follow(jar, link)).headers.get("location")).toBe(`${WEB}/`);

    const pets = new CookieJar();
    await requestLink(pets, "hana@burrow.test", `${PETS}/me`);
    expect((await follow(pets, lastLink("hana@burrow.test"))).headers.get("location")).toBe(`${PETS}/me`);
  });

  it("only the newest link works: an older one stops working once a newer one is sent", async () => {
    const email = "jo@burrow.test";
    await requestLink(new CookieJar(), email);
    const a = lastLink(email);
    await requestLink(new CookieJar(), email);
    const b = lastLink(email);
    expect(b).not.toBe(a);

    const jarA = new CookieJar();
    expect((await follow(jarA, a)).headers.get("location")).toBe(`${WEB}/auth/error?error=Verification`);
    expect(jarA.get(COOKIE)).toBeUndefined();
    const jarB = new CookieJar();
    expect((await follow(jarB, b)).headers.get("location")).toBe(`${WEB}/account`);
    expect(await session(jarB)).toMatchObject({ user: { email } });
  });

  it("limits links per address: superseded links count, a used one frees its slot", async () => {
    const email = "ivo@burrow.test";
    for (let i = 0; i < SIGN_IN_LINKS_PER_WINDOW; i++) {
      expect((await requestLink(new CookieJar(), email)).headers.get("location")).toContain("/verify-request");
    }
    // Refused: no e-mail and no token (the route handlers answer with the sign-in page's message,
    // see handlers.int.test.ts).
    expect((await requestLink(new CookieJar(), email)).headers.get("location")).not.toContain("/verify-request");
    expect(catcher.messages(email)).toHaveLength(SIGN_IN_LINKS_PER_WINDOW);
    expect(await tokenRows(email)).toBe(SIGN_IN_LINKS_PER_WINDOW);

    // Another address is unaffected; using the newest link frees a slot.
    expect((await requestLink(new CookieJar(), "other@burrow.test")).headers.get("location")).toContain(
      "/verify-request",
    );
    await follow(new CookieJar(), lastLink(email));
    expect((await requestLink(new CookieJar(), email)).headers.get("location")).toContain("/verify-request");
    expect(catcher.messages(email)).toHaveLength(SIGN_IN_LINKS_PER_WINDOW + 1);
  });

  it("rejects an expired session and deletes its row", async () => {
    const user = await db.user.create({ data: { email: "old@burrow.test" } });
    const expired = randomUUID();
    await db.session.create({ data: { sessionToken: expired, userId: user.id, expires: new Date(Date.now() - 1000) } });
    const jar = new CookieJar();
    jar.set(COOKIE, expired);
    expect(await session(jar)).toBeNull();
    expect(await db.session.count({ where: { sessionToken: expired } })).toBe(0);
    expect(jar.get(COOKIE)).toBeUndefined();
  });

  it("treats a forged or missing cookie as anonymous", async () => {
    const forged = new CookieJar();
    forged.set(COOKIE, "forged-value-%00-'; DROP TABLE identity.sessions; --");
    expect(await session(forged)).toBeNull();
    expect(await session(new CookieJar())).toBeNull();
  });

  it("signing out deletes the session row, so every app sees no session", async () => {
    const jar = new CookieJar();
    await requestLink(jar, "tenant@burrow.test");
    await follow(jar, lastLink("tenant@burrow.test"));
    const token = jar.get(COOKIE) as string;
    expect(await sessionRows("tenant@burrow.test")).toBe(1);

    const out = await call(jar, "/api/auth/signout", { csrfToken: await csrf(jar), callbackUrl: `${PETS}/` });
    expect(out.headers.get("location")).toBe(`${PETS}/`);
    expect(await sessionRows("tenant@burrow.test")).toBe(0);
    expect(jar.get(COOKIE)).toBeUndefined();

    // The other app still holding the old cookie gets nothing.
    const otherApp = new CookieJar();
    otherApp.set(COOKIE, token);
    expect(await session(otherApp)).toBeNull();
  });
});

describe("under the apps' least-privilege database roles", () => {
  const logins: { name: string; db: ReturnType<typeof createPrismaClient> }[] = [];

  /** A LOGIN role IN ROLE `template`, as a deployer creates one, and a client connected as it. */
  async function connectAs(template: "burrow_web" | "burrow_pets") {
    const name = `${template}_auth${randomUUID().slice(0, 8)}`;
    const password = randomUUID();
    await sql.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${template}`);
    const login = new URL(url);
    login.username = name;
    login.password = password;
    const client = createPrismaClient(login.toString(), 2);
    logins.push({ name, db: client });
    return client;
  }

  afterAll(async () => {
    for (const { name, db: client } of logins) {
      await client.$disconnect();
      await sql.query(`DROP ROLE ${name}`);
    }
  });

  it("web signs in as burrow_web; pets reads, extends and ends the session as burrow_pets", async () => {
    const web = createAuthConfig({ app: "web", env, db: await connectAs("burrow_web") });
    const pets = createAuthConfig({ app: "pets", env, db: await connectAs("burrow_pets") });
    const email = "roles@burrow.test";

    const jar = new CookieJar();
    const csrfToken = await csrf(jar, WEB, web);
    await call(jar, "/api/auth/signin/nodemailer", { email, csrfToken, callbackUrl: `${PETS}/me` }, WEB, web);
    const { pathname, search } = new URL(lastLink(email));
    expect((await call(jar, `${pathname}${search}`, undefined, WEB, web)).headers.get("location")).toBe(`${PETS}/me`);

    // Due for its daily extension: pets' read updates the row.
    await sql.query("UPDATE identity.sessions SET expires = now() + interval '1 day'");
    const read = await call(jar, "/api/auth/session", undefined, PETS, pets);
    expect(((await read.json()) as { user: { email: string } }).user.email).toBe(email);
    const { rows } = await sql.query("SELECT expires FROM identity.sessions");
    expect(new Date(rows[0].expires).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const out = await call(jar, "/api/auth/signout", { csrfToken: await csrf(jar, PETS, pets) }, PETS, pets);
    expect(out.status).toBe(302);
    expect(await sessionRows(email)).toBe(0);
  });
});
