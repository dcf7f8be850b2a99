import { describe, expect, it, vi } from "vitest";
import { burrowProxy } from "./proxy";

const authProxy = vi.fn(async () => new Response(null, { status: 307 }));
const proxy = burrowProxy(["/account"], authProxy);
const run = (url: string, init?: RequestInit) => proxy(new Request(new URL(url, "http://localhost:3000"), init), {});

describe("burrowProxy: server action calls Next would answer with a 500", () => {
  const action = (body: BodyInit, contentType?: string) =>
    run("/listings", {
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

  it("sends only the signed-in areas to the auth redirect", async () => {
    authProxy.mockClear();
    expect((await run("/account/x"))?.status).toBe(307);
    expect(await run("/accounting")).toBeUndefined();
    expect(authProxy).toHaveBeenCalledTimes(1);
  });
});
