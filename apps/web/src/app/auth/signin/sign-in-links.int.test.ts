// Magic links through web's real entry points on real PostgreSQL and the in-process mail catcher:
// the sign-in form's server action (run in a request scope built by Next's own request store, as
// Next runs it) and Auth.js' endpoint (web's /api/auth route handlers).

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { RATE_LIMITED_MESSAGE } from "@burrow/auth";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { runInRequestScope } from "@burrow/testing/next";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "../../api/auth/[...nextauth]/route";
import { requestSignInLink, type SignInState } from "./actions";

const WEB = "http://localhost:3000";
const { sql } = testDatabase(2);
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, WEB_URL: WEB, PETS_URL: "http://localhost:3001" });
});
afterAll(async () => {
  await catcher.stop();
  vi.unstubAllEnvs();
});

/**
 * Runs `work` inside a request scope built by Next's own request store, so `headers()` and
 * `cookies()` work; also gives the Set-Cookie lines the response would carry.
 */

type Outcome = { redirect: string } | SignInState;

/** Submits the sign-in form as a browser on web would: the action's state, or where it redirected. */
async function submitForm(email: string, options: { callbackUrl?: string; cookie?: string } = {}) {
  return (await submitFormWithCookies(email, options)).result;
}

function submitFormWithCookies(email: string, { callbackUrl = "/account", cookie = "" } = {}) {
  const request = new NextRequest(`${WEB}/auth/signin`, {
    method: "POST",
    headers: { host: "localhost:3000", origin: WEB, "x-forwarded-proto": "http", cookie },
  });
  const form = new FormData();
  form.set("email", email);
  form.set("callbackUrl", callbackUrl);
  return runInRequestScope(request, async (): Promise<Outcome> => {
    try {
      return await requestSignInLink({}, form);
    } catch (error) {
      if (!isRedirectError(error)) throw error;
      return { redirect: error.digest.split(";")[2] ?? "" };
    }
  });
}

/** POSTs Auth.js' e-mail sign-in endpoint with a fresh CSRF token, as web's own sign-in page would. */
async function postEndpoint(email: string) {
  const csrf = await GET(new NextRequest(`${WEB}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return POST(
    new NextRequest(`${WEB}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${WEB}/account` }).toString(),
    }),
  );
}

const tokenRows = async (email: string) =>
  Number(
    (await sql.query("SELECT count(*) FROM identity.verification_tokens WHERE identifier = $1", [email])).rows[0].count,
  );

const ROUNDS = 5;
const AT_ONCE = 20;

/**
 * ROUNDS rounds of AT_ONCE requests at once for a fresh address each: per round, the e-mails the
 * catcher got, the token rows and how many requests were told "sent" and "rate limited".
 */
async function raceRounds(prefix: string, fire: (email: string) => Promise<{ sent: boolean; limited: boolean }>) {
  const perRound: { emails: number; rows: number; sent: number; limited: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const email = `${prefix}-${round}@burrow.test`;
    const outcomes = await Promise.all(Array.from({ length: AT_ONCE }, () => fire(email)));
    perRound.push({
      emails: catcher.messages(email).length,
      rows: await tokenRows(email),
      sent: outcomes.filter((o) => o.sent).length,
      limited: outcomes.filter((o) => o.limited).length,
    });
  }
  return perRound;
}

const exactlyThreeEachRound = Array(ROUNDS).fill({ emails: 3, rows: 3, sent: 3, limited: AT_ONCE - 3 });

describe("the limit of 3 links per address holds under concurrency", () => {
  it(`through the sign-in form's action: ${AT_ONCE} submissions at once send exactly 3 links, ${ROUNDS} rounds`, async () => {
    const perRound = await raceRounds("form-race", async (email) => {
      const o = await submitForm(email);
      return {
        sent: "redirect" in o && o.redirect.includes("/verify-request"),
        limited: "fieldErrors" in o && o.fieldErrors?.email?.[0] === RATE_LIMITED_MESSAGE,
      };
    });
    expect(perRound).toEqual(exactlyThreeEachRound);
  });

  it(`through Auth.js' endpoint: ${AT_ONCE} POSTs at once send exactly 3 links, ${ROUNDS} rounds`, async () => {
    const perRound = await raceRounds("endpoint-race", async (email) => {
      const l = new URL((await postEndpoint(email)).headers.get("location") ?? "", WEB);
      return {
        sent: l.pathname === "/api/auth/verify-request",
        limited: l.pathname === "/auth/signin" && l.searchParams.get("error") === "RateLimited",
      };
    });
    expect(perRound).toEqual(exactlyThreeEachRound);
  });
});

describe("the sign-in form with a hostile callbackUrl", () => {
  const linkIn = (email: string) => new URL(catcher.messages(email)[0]?.text.match(/https?:\/\/\S+/)?.[0] ?? "");

  it.each([
    ["javascript:alert(1)", "javascript:alert(1)"],
    ["//evil.example", "//evil.example"],
    ["a 5 KB path", `/${"a".repeat(5000)}`],
  ])("sends the link with web's home as the way back for %s", async (_, callbackUrl) => {
    const email = `form-hostile-${randomBytes(4).toString("hex")}@burrow.test`;
    expect(await submitForm(email, { callbackUrl })).toEqual({ redirect: expect.stringContaining("/verify-request") });
    expect(linkIn(email).searchParams.get("callbackUrl")).toBe(`${WEB}/`);
  });

  it.each([
    ["javascript:alert(1)", encodeURIComponent("javascript:alert(1)")],
    ["http://[::1", encodeURIComponent("http://[::1")],
    ["%ff", "%ff"],
  ])("sends the link despite a planted callback-url cookie %s, and replaces the cookie", async (_, value) => {
    const email = `form-cookie-${randomBytes(4).toString("hex")}@burrow.test`;
    const { result, setCookies } = await submitFormWithCookies(email, { cookie: `authjs.callback-url=${value}` });
    expect(result).toEqual({ redirect: expect.stringContaining("/verify-request") });
    // Cleared, or set to the link's way back: never left as planted.
    expect(setCookies).toMatch(/authjs\.callback-url=(;|http%3A%2F%2Flocalhost%3A3000%2Faccount;)/);
    expect(linkIn(email).searchParams.get("callbackUrl")).toBe(`${WEB}/account`);
  });
});
