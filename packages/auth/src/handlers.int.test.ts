// Both apps' /api/auth/* route handlers as createAuth builds them (what each app's route.ts
// exports), on real PostgreSQL and the in-process mail catcher: hostile callbackUrls and
// callback-url cookies, and the limit's answer.
import { randomBytes } from "node:crypto";
import { CookieJar } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuth } from "./index";
import { SIGN_IN_LINKS_PER_WINDOW } from "./rate-limit";

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";
const SESSION = "authjs.session-token";
const CALLBACK = "authjs.callback-url";

testDatabase(2, { cleanEach: true });
let catcher: MailCatcher;
const apps = { web: createAuth("web").handlers, pets: createAuth("pets").handlers };
const origins = { web: WEB, pets: PETS };
type App = keyof typeof apps;

beforeAll(async () => {
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, WEB_URL: WEB, PETS_URL: PETS });
});
afterAll(async () => {
  await catcher.stop();
  vi.unstubAllEnvs();
});

/** `path` carries its query raw, so malformed escapes reach the handler as a browser sends them. */
async function call(app: App, jar: CookieJar, path: string, form?: string) {
  const url = `${origins[app]}${path}`;
  const cookie = jar.header();
  const response = form
    ? await apps[app].POST(
        new NextRequest(url, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: form,
        }),
      )
    : await apps[app].GET(new NextRequest(url, { headers: { cookie } }));
  return jar.take(response);
}

async function csrf(app: App, jar: CookieJar) {
  return ((await (await call(app, jar, "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function requestLink(jar: CookieJar, email: string, callbackUrl = encodeURIComponent(`${WEB}/account`)) {
  const token = await csrf("web", jar);
  return call(
    "web",
    jar,
    "/api/auth/signin/nodemailer",
    `email=${encodeURIComponent(email)}&csrfToken=${token}&callbackUrl=${callbackUrl}`,
  );
}

function lastLink(email: string): string {
  const link = (catcher.messages(email)[0]?.text ?? "").match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link was e-mailed to ${email}`);
  return link;
}

const follow = (jar: CookieJar, link: string) => {
  const { pathname, search } = new URL(link);
  return call("web", jar, `${pathname}${search}`);
};

// [name, value] as the value travels in a query, a form body or a cookie: percent-encoded, or raw
// when malformed.
const HOSTILE = [
  ...["javascript:alert(1)", "//evil.example", "https://evil.example/steal", "http://[::1", "garbage \\ <> ::"].map(
    (v) => [v, encodeURIComponent(v)],
  ),
  ["a 5 KB path", `/${"a".repeat(5000)}`],
  ...["account", "%E0%A4%A", "%ff", "%", "%C0%AE", "%ED%A0%80"].map((v) => [v, v]),
];

/** Every Auth.js endpoint, as a GET path or a POST form that carries `value` as its callbackUrl. */
const endpoints = (value: string): { path: string; form?: string }[] => [
  { path: `/api/auth/session?callbackUrl=${value}` },
  { path: `/api/auth/csrf?callbackUrl=${value}` },
  { path: `/api/auth/providers?callbackUrl=${value}` },
  { path: `/api/auth/signin?callbackUrl=${value}` },
  { path: `/api/auth/signin/nodemailer?callbackUrl=${value}` },
  { path: `/api/auth/signout?callbackUrl=${value}` },
  { path: `/api/auth/error?error=Verification&callbackUrl=${value}` },
  { path: `/api/auth/verify-request?callbackUrl=${value}` },
  { path: `/api/auth/callback/nodemailer?token=nope&email=x%40burrow.test&callbackUrl=${value}` },
  { path: `/api/auth/signin/nodemailer?callbackUrl=${value}`, form: `email=x%40burrow.test&callbackUrl=${value}` },
  { path: "/api/auth/signout", form: `callbackUrl=${value}` },
  { path: "/api/auth/session", form: `callbackUrl=${value}` },
];

/** Where a response sends the browser must be one of the apps; a callback-url cookie left must parse. */
function expectSafe(res: Response, jar: CookieJar) {
  expect(res.status).toBeLessThan(500);
  const location = res.headers.get("location");
  if (location) expect([WEB, PETS]).toContain(new URL(location, WEB).origin);
  const kept = jar.get(CALLBACK);
  if (kept) expect([WEB, PETS]).toContain(new URL(decodeURIComponent(kept)).origin);
}

describe.each(["web", "pets"] as const)("%s's /api/auth/* with a hostile callbackUrl", (app) => {
  it.each(HOSTILE)("never answers 5xx to %s in the query, the form or the cookie", async (_, value) => {
    for (const { path, form } of endpoints(value)) {
      const viaQuery = new CookieJar();
      expectSafe(await call(app, viaQuery, path, form), viaQuery);
      const viaCookie = new CookieJar(`${CALLBACK}=${value}`, CALLBACK);
      expectSafe(await call(app, viaCookie, path.replace(/[?&]callbackUrl=[^&]*/, ""), form), viaCookie);
    }
  });
});

describe("a planted callback-url cookie", () => {
  it.each(HOSTILE)("%s: the link still arrives and works", async (_, value) => {
    const email = `planted-${randomBytes(4).toString("hex")}@burrow.test`;
    const jar = new CookieJar(`${CALLBACK}=${value}`, CALLBACK);
    expect((await requestLink(jar, email)).headers.get("location")).toBe(
      `${WEB}/api/auth/verify-request?provider=nodemailer&type=email`,
    );

    // Planted again before the link is followed.
    const again = new CookieJar(`${CALLBACK}=${value}`, CALLBACK);
    expect((await follow(again, lastLink(email))).headers.get("location")).toBe(`${WEB}/account`);
    expect(again.get(SESSION)).toBeTruthy();
  });

  it("is cleared in the browser when Auth.js sets none", async () => {
    const res = await call("web", new CookieJar(`${CALLBACK}=javascript%3Aalert(1)`, CALLBACK), "/api/auth/providers");
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^authjs\.callback-url=;.*Max-Age=0/i)]);
  });
});

describe("web's e-mail sign-in endpoint", () => {
  it("answers the limit with the sign-in page's message, and a hostile callbackUrl goes home in the link", async () => {
    const email = "limit@burrow.test";
    await requestLink(new CookieJar(), email, encodeURIComponent("javascript:alert(1)"));
    expect(new URL(lastLink(email)).searchParams.get("callbackUrl")).toBe(`${WEB}/`);
    for (let i = 1; i < SIGN_IN_LINKS_PER_WINDOW; i++) await requestLink(new CookieJar(), email);

    const limited = new URL((await requestLink(new CookieJar(), email)).headers.get("location") ?? "");
    expect(`${limited.origin}${limited.pathname}`).toBe(`${WEB}/auth/signin`);
    expect(limited.searchParams.get("error")).toBe("RateLimited");
    expect(catcher.messages(email)).toHaveLength(SIGN_IN_LINKS_PER_WINDOW);
  });

  it("pets sends sign-in to web's page with a callbackUrl back to pets, or pets' home", async () => {
    for (const [value, back] of [
      ["%2Fme", `${PETS}/me`],
      [encodeURIComponent("javascript:alert(1)"), `${PETS}/`],
      ["%ff", `${PETS}/%EF%BF%BD`],
    ]) {
      const res = await call(
        "pets",
        new CookieJar(),
        `/api/auth/signin/nodemailer?callbackUrl=${value}`,
        "email=x%40burrow.test",
      );
      const location = new URL(res.headers.get("location") ?? "");
      expect([res.status, `${location.origin}${location.pathname}`]).toEqual([303, `${WEB}/auth/signin`]);
      expect(location.searchParams.get("callbackUrl")).toBe(back);
    }
  });
});
