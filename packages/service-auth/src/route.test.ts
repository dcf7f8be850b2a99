import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SERVICE_TOKEN_HEADER, withServiceToken } from "./route";
import { signServiceToken } from "./tokens";

const secret = "route-test-secret-0123456789-abcdefghij";
const context = { params: Promise.resolve({ id: "x" }) };
const handler = withServiceToken<typeof context>("pets", async (_request, { service, params }) =>
  Response.json({ subject: service.subject, id: (await params).id }),
);
const call = (token?: string) =>
  handler(
    new Request("http://pets.test/api/internal/thing", {
      method: "POST",
      headers: token === undefined ? {} : { [SERVICE_TOKEN_HEADER]: token },
    }),
    context,
  );

describe("withServiceToken", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SERVICE_TOKEN_SECRET;
    process.env.SERVICE_TOKEN_SECRET = secret;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SERVICE_TOKEN_SECRET;
    else process.env.SERVICE_TOKEN_SECRET = saved;
  });

  it("runs the handler with the token's claims and the route context", async () => {
    const response = await call(await signServiceToken({ issuer: "web", audience: "pets", subject: "admin-1" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: "admin-1", id: "x" });
  });

  const failures: [string, () => Promise<string | undefined>][] = [
    ["missing", async () => undefined],
    ["wrong-audience", () => signServiceToken({ issuer: "pets", audience: "web" })],
    ["expired", () => signServiceToken({ issuer: "web", audience: "pets", ttlSeconds: 1 }, { now: new Date(0) })],
    ["tampered", () => signServiceToken({ issuer: "web", audience: "pets" }, { secret: `${secret}-wrong` })],
    ["malformed", async () => "garbage"],
  ];
  it.each(failures)("answers 401 JSON with reason %s", async (reason, token) => {
    const response = await call(await token());
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.reason).toBe(reason);
    expect(body.error).toEqual(expect.any(String));
  });
});
