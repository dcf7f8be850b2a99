import { describe, expect, it } from "vitest";
import { sanitizeAuthRequest, sanitizeCookieHeader } from "./callback-url";

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";
const rule = { home: new URL(`${WEB}/`), allowedOrigins: [WEB, PETS] };
const COOKIE = "authjs.callback-url";

// Hostile callbackUrls as they travel in a query, form body or cookie (percent-encoded or raw).
/** Refused by the redirect rule: replaced by home, or the cookie dropped. */
const REFUSED = [
  encodeURIComponent("javascript:alert(1)"),
  encodeURIComponent("//evil.example"),
  encodeURIComponent("https://evil.example/steal"),
  encodeURIComponent("http://[::1"),
  `/${"a".repeat(5000)}`,
];
/** Relative paths on the app the rule accepts but Auth.js cannot parse: handed on as absolute URLs. */
const REPAIRED = [encodeURIComponent("garbage \\ <> ::"), "account", "%E0%A4%A", "%ff", "%", "%C0%AE", "%ED%A0%80"];

const callbackUrls = (request: Request) => new URL(request.url).searchParams.getAll("callbackUrl");
/** An absolute URL on web, the kind Auth.js accepts. */
const onWeb = (value: string | null | undefined) => new URL(value ?? "").origin === WEB;

describe("sanitizeAuthRequest, accepted but unparseable values", () => {
  it.each(REPAIRED)("makes %s absolute in the query, the form body and the cookie", async (value) => {
    const query = await sanitizeAuthRequest(new Request(`${WEB}/api/auth/session?callbackUrl=${value}`), COOKIE, rule);
    expect(callbackUrls(query.request).map(onWeb)).toEqual([true]);

    const form = await sanitizeAuthRequest(
      new Request(`${WEB}/api/auth/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `callbackUrl=${value}`,
      }),
      COOKIE,
      rule,
    );
    expect(onWeb(new URLSearchParams(await form.request.text()).get("callbackUrl"))).toBe(true);

    const cookie = await sanitizeAuthRequest(
      new Request(`${WEB}/api/auth/csrf`, { headers: { cookie: `${COOKIE}=${value}` } }),
      COOKIE,
      rule,
    );
    const [name, kept] = (cookie.request.headers.get("cookie") ?? "").split("=");
    expect([name, onWeb(decodeURIComponent(kept ?? "")), cookie.clearCookie]).toEqual([COOKIE, true, false]);
  });
});

describe("sanitizeAuthRequest", () => {
  it.each(REFUSED)("replaces the query value %s with the app's home", async (value) => {
    const { request } = await sanitizeAuthRequest(
      new Request(`${WEB}/api/auth/session?callbackUrl=${value}`),
      COOKIE,
      rule,
    );
    expect(callbackUrls(request)).toEqual([`${WEB}/`]);
  });

  it.each(REFUSED)("replaces the form value %s with the app's home and keeps the other fields", async (value) => {
    const { request } = await sanitizeAuthRequest(
      new Request(`${WEB}/api/auth/signin/nodemailer`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `email=a%40burrow.test&csrfToken=t&callbackUrl=${value}`,
      }),
      COOKIE,
      rule,
    );
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      email: "a@burrow.test",
      csrfToken: "t",
      callbackUrl: `${WEB}/`,
    });
  });

  it.each(REFUSED)("drops the cookie value %s, keeps the other cookies and asks to clear it", async (value) => {
    const { request, clearCookie } = await sanitizeAuthRequest(
      new Request(`${WEB}/api/auth/csrf`, { headers: { cookie: `a=1; ${COOKIE}=${value}; b=2` } }),
      COOKIE,
      rule,
    );
    expect(request.headers.get("cookie")).toBe("a=1; b=2");
    expect(clearCookie).toBe(true);
  });

  it("keeps allowed values, made absolute on the handling app, and leaves clean requests untouched", async () => {
    const pets = { ...rule, home: new URL(`${PETS}/`) };
    const relative = await sanitizeAuthRequest(new Request(`${PETS}/api/auth/signout?callbackUrl=me`), COOKIE, pets);
    expect(callbackUrls(relative.request)).toEqual([`${PETS}/me`]);

    const clean = new Request(`${WEB}/api/auth/session?callbackUrl=${encodeURIComponent(`${PETS}/me`)}`, {
      headers: { cookie: `${COOKIE}=${encodeURIComponent(`${WEB}/account`)}` },
    });
    expect(await sanitizeAuthRequest(clean, COOKIE, rule)).toEqual({ request: clean, clearCookie: false });
  });

  it("makes the value Auth.js reads (the last of several) the only one", async () => {
    const hidden = `callbackUrl=%2Faccount&callbackUrl=${encodeURIComponent("javascript:alert(1)")}`;
    const { request } = await sanitizeAuthRequest(new Request(`${WEB}/api/auth/signin?${hidden}`), COOKIE, rule);
    expect(callbackUrls(request)).toEqual([`${WEB}/`]);
  });
});

describe("sanitizeCookieHeader", () => {
  it("keeps the first allowed occurrence, decoded and made absolute, and drops later ones", () => {
    expect(sanitizeCookieHeader(`${COOKIE}=%2Fme; x=1; ${COOKIE}=javascript%3Ax`, COOKIE, rule)).toEqual({
      header: `${COOKIE}=${encodeURIComponent(`${WEB}/me`)}; x=1`,
      changed: true,
      dropped: false,
    });
  });

  it("drops a quoted hostile value and leaves a header without the cookie alone", () => {
    expect(sanitizeCookieHeader(`${COOKIE}="//evil.example"`, COOKIE, rule)).toEqual({
      header: "",
      changed: true,
      dropped: true,
    });
    expect(sanitizeCookieHeader("a=1; b", COOKIE, rule)).toEqual({ header: "a=1; b", changed: false, dropped: false });
  });
});
