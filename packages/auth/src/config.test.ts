import { AdapterError, Verification } from "@auth/core/errors";
import { log } from "@burrow/observability/log";
import { describe, expect, it, vi } from "vitest";
import { createAuthConfig, logAuthError, sessionCallback, sessionCookie } from "./config";
import { parseAuthEnv } from "./env";
import { SignInLinkLimitError } from "./rate-limit";

const baseEnv = {
  AUTH_SECRET: "x".repeat(32),
  EMAIL_SERVER: "smtp://127.0.0.1:2525",
  EMAIL_FROM: "Burrow <no-reply@burrow.test>",
  WEB_URL: "http://localhost:3000",
  PETS_URL: "http://localhost:3001",
};

const redirectCallback = (app: "web" | "pets") => {
  const redirect = createAuthConfig({ app, env: parseAuthEnv(baseEnv) }).callbacks?.redirect;
  if (!redirect) throw new Error("the configuration has no redirect callback");
  return redirect;
};

const storedUser = (
  over: Partial<{ email: string; role: "TENANT" | "SITTER" | "ADMIN"; screenname: string | null }>,
) => ({
  id: "cuser1",
  email: "farah@burrow.test",
  emailVerified: null,
  name: "Farah",
  screenname: "farah",
  role: "TENANT" as const,
  ...over,
});

function sessionFor(user: ReturnType<typeof storedUser>, adminEmails?: string) {
  const env = parseAuthEnv({ ...baseEnv, ...(adminEmails === undefined ? {} : { ADMIN_EMAILS: adminEmails }) });
  // What Auth.js passes for a database session: the session row with its user, and the user.
  const session = { sessionToken: "secret-token", userId: user.id, expires: new Date("2030-01-01T00:00:00Z"), user };
  return sessionCallback(env.ADMIN_EMAILS)({ session, user });
}

describe("session callback", () => {
  it("carries id, email, screenname and role, and never the session token", async () => {
    const session = await sessionFor(storedUser({ role: "SITTER" }));
    expect(session).toEqual({
      expires: "2030-01-01T00:00:00.000Z",
      user: {
        id: "cuser1",
        email: "farah@burrow.test",
        name: "Farah",
        screenname: "farah",
        role: "SITTER",
        isAdmin: false,
      },
    });
    expect(JSON.stringify(session)).not.toContain("secret-token");
  });

  it("makes role ADMIN an admin without ADMIN_EMAILS", async () => {
    expect((await sessionFor(storedUser({ role: "ADMIN" }))).user).toMatchObject({ role: "ADMIN", isAdmin: true });
  });

  it("makes ADMIN_EMAILS addresses admins: comma-separated, trimmed, case-insensitive", async () => {
    const list = "  ops@burrow.test , FARAH@Burrow.TEST,,";
    expect((await sessionFor(storedUser({}), list)).user).toMatchObject({ role: "TENANT", isAdmin: true });
    expect((await sessionFor(storedUser({ email: "gus@burrow.test" }), list)).user.isAdmin).toBe(false);
    // A listed address must match whole, not as a substring.
    expect((await sessionFor(storedUser({ email: "rah@burrow.test" }), list)).user.isAdmin).toBe(false);
  });

  it("maps a user without a screenname to null", async () => {
    expect((await sessionFor(storedUser({ screenname: null }))).user.screenname).toBeNull();
  });
});

describe("redirect callback", () => {
  const web = "http://localhost:3000";
  const redirect = (url: string, app: "web" | "pets" = "web") =>
    redirectCallback(app)({ url, baseUrl: "http://attacker.example" });

  it("allows paths and both apps' origins", async () => {
    expect(await redirect("/account")).toBe(`${web}/account`);
    expect(await redirect("/account?tab=1#top")).toBe(`${web}/account?tab=1#top`);
    expect(await redirect("http://localhost:3001/me")).toBe("http://localhost:3001/me");
    expect(await redirect(`${web}/admin`)).toBe(`${web}/admin`);
  });

  it("resolves paths against the handling app, not the request's host", async () => {
    expect(await redirect("/me", "pets")).toBe("http://localhost:3001/me");
  });

  it.each([
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example",
    "\\\\evil.example",
    "http://localhost:3000.evil.example/",
    "http://localhost:3002/",
    "https://localhost:3000/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "http://user@evil.example",
  ])("sends %s to the home page", async (url) => {
    expect(await redirect(url)).toBe(`${web}/`);
  });
});

describe("session cookie", () => {
  it("is plain on http and __Secure- on https, with the configured domain", () => {
    expect(sessionCookie(parseAuthEnv(baseEnv)).cookie).toMatchObject({
      name: "authjs.session-token",
      options: { secure: false, httpOnly: true, sameSite: "lax", path: "/" },
    });
    const prod = sessionCookie(
      parseAuthEnv({
        ...baseEnv,
        WEB_URL: "https://www.burrow.example",
        PETS_URL: "https://pets.burrow.example",
        AUTH_COOKIE_DOMAIN: ".burrow.example",
      }),
    ).cookie;
    expect(prod).toMatchObject({
      name: "__Secure-authjs.session-token",
      options: { secure: true, domain: ".burrow.example" },
    });
  });
});

describe("providers", () => {
  it("offers OAuth providers only when both keys are set", () => {
    const ids = (extra: Record<string, string>) =>
      createAuthConfig({ app: "web", env: parseAuthEnv({ ...baseEnv, ...extra }) }).providers.map((p) =>
        typeof p === "function" ? p().id : p.id,
      );
    expect(ids({})).toEqual(["nodemailer"]);
    expect(ids({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" })).toEqual(["nodemailer", "github"]);
    expect(
      ids({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s", AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "gs" }),
    ).toEqual(["nodemailer", "github", "google"]);
  });
});

describe("logAuthError", () => {
  it("logs Auth.js' errors with their cause, but not a link the limit refused", () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      // As Auth.js wraps an adapter's error.
      const wrapped = (err: Error) => new AdapterError("", { cause: { err } });
      logAuthError(wrapped(new SignInLinkLimitError("too many")));
      logAuthError(new SignInLinkLimitError("too many"));
      expect(error).not.toHaveBeenCalled();

      logAuthError(wrapped(new Error("connection refused")));
      expect(error.mock.calls).toEqual([
        [
          { component: "auth", err: new Error("connection refused") },
          expect.stringMatching(/^\[auth\]\[error\] AdapterError: /),
        ],
      ]);
      error.mockClear();
      logAuthError(new Verification());
      expect(error.mock.calls[0]?.[1]).toMatch(/^\[auth\]\[error\] Verification: /);
    } finally {
      error.mockRestore();
    }
  });
});
