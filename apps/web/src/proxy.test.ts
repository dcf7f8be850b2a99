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
  proxy(new NextRequest(new URL(url, "http://localhost:3000"), init), {} as NextFetchEvent);

beforeEach(() => authProxy.mockClear());

describe("proxy matcher", () => {
  it("runs in front of the signed-in pages", () => {
    expect(matches("/account/settings")).toBe(true);
    expect(matches("/admin")).toBe(true);
  });

  it("runs for paths with a percent sign and for server action calls, to check them", () => {
    expect(matches("/listings/%ff")).toBe(true);
    expect(matches("/api/internal/events%")).toBe(true);
    expect(matches("/articles", { "next-action": "7f00" })).toBe(true);
  });

  // Every other request, static files first, never pays for the proxy.
  it.each([
    "/",
    "/listings/c123",
    "/u/ada",
    "/_next/static/chunks/main.js",
    "/api/internal/events",
    "/api/health/ready",
  ])("never runs for %s", (url) => {
    expect(matches(url)).toBe(false);
  });
});

describe("proxy", () => {
  it.each(["/listings/%ff", "/u/%", "/articles/%E0%A4%A", "/admin/users/%C0%AE", "/account/%ED%A0%80"])(
    "answers 400 for %s before anything else runs",
    async (url) => {
      const response = await run(url);
      expect(response?.status).toBe(400);
      expect(await response?.text()).toContain("malformed percent-escape");
      expect(authProxy).not.toHaveBeenCalled();
    },
  );

  it("sends the signed-in areas to the auth redirect, also when spelled with escapes", async () => {
    expect((await run("/account"))?.status).toBe(307);
    expect((await run("/admin/users/c1"))?.status).toBe(307);
    expect((await run("/%61ccount"))?.status).toBe(307);
    expect(authProxy).toHaveBeenCalledTimes(3);
  });

  // The internal API authenticates with service tokens only (withServiceToken): the path check may
  // run there, the session redirect never does.
  it.each(["/api/internal/events%20", "/api/health/%72eady", "/u/%25ff", "/accounting%20"])(
    "lets %s through without the auth redirect",
    async (url) => {
      expect(await run(url)).toBeUndefined();
      expect(authProxy).not.toHaveBeenCalled();
    },
  );

  const action = (body: BodyInit, contentType?: string) =>
    run("/articles", {
      method: "POST",
      headers: { "next-action": "7f00", ...(contentType ? { "content-type": contentType } : {}) },
      body,
    });
  const fields = (entries: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(entries)) form.append(name, value);
    return form;
  };

  it.each([
    ["not JSON", "garbage"],
    ["cut-off JSON", "["],
    ["an object", "{}"],
    ["a string", '"x"'],
    ["nothing", ""],
  ])("answers 400 for a server action call whose arguments are %s", async (_, body) => {
    const response = await action(body, "text/plain;charset=UTF-8");
    expect(response?.status).toBe(400);
    expect(await response?.text()).toContain("arguments must be a JSON array");
  });

  // Next aborts these too, but with a 500.
  it.each(["https://evil.example", "null", "garbage"])(
    "answers 403 for a server action call from Origin %s",
    async (origin) => {
      const response = await run("/", { method: "POST", headers: { "next-action": "7f00", origin }, body: "[]" });
      expect(response?.status).toBe(403);
      expect(authProxy).not.toHaveBeenCalled();
    },
  );

  it("answers 400 for a multipart action call without an argument list", async () => {
    expect((await action(fields({ "0": "garbage" })))?.status).toBe(400);
    expect((await action(fields({ "1_email": "x" })))?.status).toBe(400);
  });

  // Argument lists of the wrong shape reach the action, which refuses them itself (@burrow/http/action).
  it("lets a server action call with a JSON argument list through", async () => {
    expect(await action("[1,2,3]", "text/plain;charset=UTF-8")).toBeUndefined();
    expect(await action(fields({ "0": '["$K1"]', "1_email": "x" }))).toBeUndefined();
  });
});
