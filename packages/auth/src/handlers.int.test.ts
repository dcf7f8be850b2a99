// Both apps' /api/auth/* route handlers as createAuth builds them (what each app's route.ts
// exports), on real PostgreSQL and the in-process mail catcher: hostile callbackUrls and
// callback-url cookies, and the limit's answer.
import { randomBytes } from "node:crypto";
import { cleanPostgres } from "@burrow/db/clean";
import { type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth } from "./index";
import { SIGN_IN_LINKS_PER_WINDOW } from "./rate-limit";

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";
const SESSION = "authjs.session-token";
const CALLBACK = "authjs.callback-url";

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
let catcher: MailCatcher;
const apps = { web: createAuth("web").handlers, pets: createAuth("pets").handlers };
const origins = { web: WEB, pets: PETS };
type App = keyof typeof apps;

beforeAll(async () => {
  catcher = await startMailCatcher();
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("EMAIL_SERVER", catcher.smtpUrl);
  vi.stubEnv("EMAIL_FROM", "Burrow <no-reply@burrow.test>");
  vi.stubEnv("WEB_URL", WEB);
  vi.stubEnv("PETS_URL", PETS);
  await sql.connect();
});
beforeEach(async () => {
  await cleanPostgres(sql);
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await catcher.stop();
  vi.unstubAllEnvs();
});

/** A browser's cookie jar; `raw` cookies are sent exactly as given (a planted, malformed value). */
class Jar {
  private cookies = new Map<string, string>();
  constructor(private raw = "") {}
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      const gone = attributes.some((a) => /^\s*(max-age=0|expires=Thu, 01 Jan 1970)/i.test(a));
      if (!value || gone) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
      if (name.trim() === CALLBACK) this.raw = "";
    }
    return res;
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  header() {
    return [this.raw, ...[...this.cookies].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join("; ");
  }
}

/** `path` carries its query raw, so malformed escapes reach the handler as a browser sends them. */
async function call(app: App, jar: Jar, path: string, form?: string) {
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

async function csrf(app: App, jar: Jar) {
  return ((await (await call(app, jar, "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function requestLink(jar: Jar, email: string, callbackUrl = encodeURIComponent(`${WEB}/account`)) {
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

const follow = (jar: Jar, link: string) => {
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
function expectSafe(res: Response, jar: Jar) {
  expect(res.status).toBeLessThan(500);
  const location = res.headers.get("location");
  if (location) expect([WEB, PETS]).toContain(new URL(location, WEB).origin);
  const kept = jar.get(CALLBACK);
  if (kept) expect([WEB, PETS]).toContain(new URL(decodeURIComponent(kept)).origin);
}

describe.each(["web", "pets"] as const)("%s's /api/auth/* with a hostile callbackUrl", (app) => {
  it.each(HOSTILE)("never answers 5xx to %s in the query, the form or the cookie", async (_, value) => {
    for (const { path, form } of endpoints(value)) {
      const viaQuery = new Jar();
      expectSafe(await call(app, viaQuery, path, form), viaQuery);
      const viaCookie = new Jar(`${CALLBACK}=${value}`);
      expectSafe(await call(app, viaCookie, path.replace(/[?&]callbackUrl=[^&]*/, ""), form), viaCookie);
    }
  });
});

describe("a planted callback-url cookie", () => {
  it.each(HOSTILE)("%s: the link still arrives and works", async (_, value) => {
    const email = `planted-${randomBytes(4).toString("hex")}@burrow.test`;
    const jar = new Jar(`${CALLBACK}=${value}`);
    expect((await requestLink(jar, email)).headers.get("location")).toBe(
      `${WEB}/api/auth/verify-request?provider=nodemailer&type=email`,
    );

    // Planted again before the link is followed.
    const again = new Jar(`${CALLBACK}=${value}`);
    expect((await follow(again, lastLink(email))).headers.get("location")).toBe(`${WEB}/account`);
    expect(again.get(SESSION)).toBeTruthy();
  });

  it("is cleared in the browser when Auth.js sets none", async () => {
    const res = await call("web", new Jar(`${CALLBACK}=javascript%3Aalert(1)`), "/api/auth/providers");
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^authjs\.callback-url=;.*Max-Age=0/i)]);
  });
});

describe("web's e-mail sign-in endpoint", () => {
  it("answers the limit with the sign-in page's message, and a hostile callbackUrl goes home in the link", async () => {
    const email = "limit@burrow.test";
    await requestLink(new Jar(), email, encodeURIComponent("javascript:alert(1)"));
    expect(new URL(lastLink(email)).searchParams.get("callbackUrl")).toBe(`${WEB}/`);
    for (let i = 1; i < SIGN_IN_LINKS_PER_WINDOW; i++) await requestLink(new Jar(), email);

    const limited = new URL((await requestLink(new Jar(), email)).headers.get("location") ?? "");
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
        new Jar(),
        `/api/auth/signin/nodemailer?callbackUrl=${value}`,
        "email=x%40burrow.test",
      );
      const location = new URL(res.headers.get("location") ?? "");
      expect([res.status, `${location.origin}${location.pathname}`]).toEqual([303, `${WEB}/auth/signin`]);
      expect(location.searchParams.get("callbackUrl")).toBe(back);
    }
  });
});
