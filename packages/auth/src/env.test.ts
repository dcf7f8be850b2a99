import { describe, expect, it } from "vitest";
import { adminEmails, parseAdminEmails, parseAuthEnv } from "./env";

const valid = {
  AUTH_SECRET: "s".repeat(32),
  EMAIL_SERVER: "smtp://127.0.0.1:2525",
  EMAIL_FROM: "no-reply@burrow.test",
};

describe("parseAuthEnv", () => {
  it("names each missing variable", () => {
    const error = (() => {
      try {
        parseAuthEnv({});
      } catch (e) {
        return String(e);
      }
    })();
    expect(error).toMatch(/AUTH_SECRET is not set/);
    expect(error).toMatch(/EMAIL_SERVER is not set/);
    expect(error).toMatch(/EMAIL_FROM is not set/);
  });

  it("rejects a short secret, a non-SMTP server and a bad sender", () => {
    expect(() => parseAuthEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32/);
    expect(() => parseAuthEnv({ ...valid, EMAIL_SERVER: "http://x" })).toThrow(/EMAIL_SERVER must be an smtp/);
    expect(() => parseAuthEnv({ ...valid, EMAIL_FROM: "Burrow <nope>" })).toThrow(/EMAIL_FROM must be/);
    expect(parseAuthEnv({ ...valid, EMAIL_FROM: "Burrow <no-reply@burrow.test>" }).EMAIL_FROM).toBe(
      "Burrow <no-reply@burrow.test>",
    );
  });

  it("defaults the app URLs to localhost and parses ADMIN_EMAILS", () => {
    const env = parseAuthEnv({ ...valid, ADMIN_EMAILS: " A@x.test, b@Y.test ,," });
    expect(env.WEB_URL.origin).toBe("http://localhost:3000");
    expect(env.PETS_URL.origin).toBe("http://localhost:3001");
    expect(env.ADMIN_EMAILS).toEqual(["a@x.test", "b@y.test"]);
    expect(parseAuthEnv(valid).ADMIN_EMAILS).toEqual([]);
    expect(() => parseAuthEnv({ ...valid, ADMIN_EMAILS: "a@x.test, not-an-email" })).toThrow(
      /ADMIN_EMAILS has invalid entries: not-an-email/,
    );
  });

  it("needs AUTH_COOKIE_DOMAIN for two hosts, and it must cover both", () => {
    const two = { ...valid, WEB_URL: "https://www.burrow.example", PETS_URL: "https://pets.burrow.example" };
    expect(() => parseAuthEnv(two)).toThrow(/different hosts .*set AUTH_COOKIE_DOMAIN/);
    expect(parseAuthEnv({ ...two, AUTH_COOKIE_DOMAIN: ".burrow.example" }).AUTH_COOKIE_DOMAIN).toBe(".burrow.example");
    expect(() => parseAuthEnv({ ...two, AUTH_COOKIE_DOMAIN: ".other.example" })).toThrow(
      /AUTH_COOKIE_DOMAIN=.other.example does not cover WEB_URL's host/,
    );
    expect(() => parseAuthEnv({ ...two, AUTH_COOKIE_DOMAIN: "burrow example" })).toThrow(/AUTH_COOKIE_DOMAIN must be/);
  });

  it("rejects mixed schemes, half-configured OAuth and AUTH_URL", () => {
    expect(() => parseAuthEnv({ ...valid, PETS_URL: "https://localhost:3001" })).toThrow(/same scheme/);
    expect(() => parseAuthEnv({ ...valid, AUTH_GITHUB_ID: "id" })).toThrow(/AUTH_GITHUB_SECRET: set both/);
    expect(() => parseAuthEnv({ ...valid, AUTH_URL: "http://localhost:3000" })).toThrow(/AUTH_URL must not be set/);
    expect(parseAuthEnv({ ...valid, AUTH_URL: "" }).WEB_URL).toBeInstanceOf(URL);
  });
});

describe("parseAdminEmails", () => {
  it("splits on commas, trims and lower-cases", () => {
    expect(parseAdminEmails(" Ops@Burrow.test ,x@y.z,, ")).toEqual(["ops@burrow.test", "x@y.z"]);
    expect(parseAdminEmails(undefined)).toEqual([]);
  });
});

describe("adminEmails", () => {
  it("reads ADMIN_EMAILS alone, trimmed and lower-cased, and names a malformed entry", () => {
    expect(adminEmails({ ADMIN_EMAILS: " Ops@Burrow.test, ,b@x.test " })).toEqual(["ops@burrow.test", "b@x.test"]);
    expect(adminEmails({})).toEqual([]);
    expect(() => adminEmails({ ADMIN_EMAILS: "ops@burrow.test,nope" })).toThrow(
      /ADMIN_EMAILS has invalid entries: nope/,
    );
  });
});
