import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { type NextFetchEvent, NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { config, proxy } from "./proxy";

// next-auth does not load outside Next's bundler: a stand-in auth redirect that records its calls.
const authProxy = vi.hoisted(() => vi.fn(async () => new Response(null, { status: 307 })));
vi.mock("./auth", () => ({ proxy: authProxy }));

const matches = (url: string, headers?: Record<string, string>) =>
  unstable_doesMiddlewareMatch({ config, url, headers });
const run = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  proxy(new NextRequest(new URL(url, "http://localhost:3001"), init), {} as NextFetchEvent);

beforeEach(() => authProxy.mockClear());

describe("proxy matcher", () => {
  it("runs in front of the signed-in pages", () => {
    expect(matches("/me/stays")).toBe(true);
    expect(matches("/listings/new")).toBe(true);
  });

  it("runs for paths with a percent sign and for server action calls, to check them", () => {
    expect(matches("/api/internal/listings/%ff/visibility")).toBe(true);
    expect(matches("/api/internal/events%")).toBe(true);
    expect(matches("/", { "next-action": "7f00" })).toBe(true);
  });

  // Every other request, static files first, never pays for the proxy.
  it.each([
    "/",
    "/listings-old",
    "/auth/signin",
    "/_next/static/chunks/main.js",
    "/api/internal/events",
    "/api/health/ready",
  ])("never runs for %s", (url) => {
    expect(matches(url)).toBe(false);
  });
});

// The action-call refusals are @burrow/http's (packages/http/src/proxy.test.ts); here: this app's areas.
describe("proxy", () => {
  it.each([
    "/book/%ff",
    "/stays/%",
    "/requests/%E0%A4%A",
    "/api/internal/users/%C0%AE/retire",
    "/api/internal/listings/%ED%A0%80/visibility",
  ])("answers 400 for %s before anything else runs", async (url) => {
    const response = await run(url);
    expect(response?.status).toBe(400);
    expect(await response?.text()).toContain("malformed percent-escape");
    expect(authProxy).not.toHaveBeenCalled();
  });

  it("sends the signed-in areas to the auth redirect, also when spelled with escapes", async () => {
    expect((await run("/me"))?.status).toBe(307);
    expect((await run("/stays/c1"))?.status).toBe(307);
    expect((await run("/%6De"))?.status).toBe(307);
    expect(authProxy).toHaveBeenCalledTimes(3);
  });

  // The internal API authenticates with service tokens only (withServiceToken): the path check may
  // run there, the session redirect never does.
  it.each(["/api/internal/users/c1%20/retire", "/api/health/%72eady", "/auth/%25ff", "/meadow%20"])(
    "lets %s through without the auth redirect",
    async (url) => {
      expect(await run(url)).toBeUndefined();
      expect(authProxy).not.toHaveBeenCalled();
    },
  );
});
