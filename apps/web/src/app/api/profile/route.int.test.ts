// /api/profile with MongoDB unreachable: reading and saving answer 503 with a clear message, not a
// bare 500. Uses a Mongo-wire server of its own so it can stop it; the user signs in with a real
// database session, and each handler runs in a request scope as Next runs it.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { testDatabase } from "@burrow/testing/database";
import { restartableMongoWire, stubAppEnv } from "@burrow/testing/harness";
import { inRequestScope } from "@burrow/testing/next";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { disconnectMongo } from "../../../server/mongo/connection";
import { GET, PATCH } from "./route";

const { db } = testDatabase(2);
const mongo = restartableMongoWire("profile-route");

beforeAll(async () => {
  stubAppEnv({ MONGODB_URI: await mongo.start(), EMAIL_SERVER: "smtp://localhost:2525", WEB_URL: WEB });
});
afterAll(async () => {
  await disconnectMongo();
  await mongo.stop();
  vi.unstubAllEnvs();
});

const WEB = "http://localhost:3000";

/**
 * Requests of a signed-in user: a database session, as the magic-link flow leaves it, and its cookie.
 * They come from web's own pages (Origin, JSON) unless `headers` say otherwise (null removes one).
 */
async function signedIn(email: string) {
  const user = await db.user.create({ data: { email } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return (method: "GET" | "PATCH", body?: object | string, headers: Record<string, string | null> = {}) => {
    const all = { origin: WEB, "content-type": "application/json", ...headers };
    return new NextRequest(`${WEB}/api/profile`, {
      method,
      headers: {
        cookie: `authjs.session-token=${sessionToken}`,
        ...Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null)),
      },
      ...(body ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  };
}

const answer = async (response: Response) => [response.status, await response.json()];

it("answers 503 with a clear message while MongoDB is down, and serves again once it is back", async () => {
  const request = await signedIn("profile-route@burrow.test");
  // Served while the server is up: the 503s below are MongoDB's, not the session's.
  expect(await answer(await inRequestScope(request("GET"), GET))).toEqual([
    200,
    expect.objectContaining({ profile: expect.any(Object) }),
  ]);

  await mongo.stop();
  try {
    const unavailable = [503, { error: "Profiles are unavailable right now. Please try again." }];
    // The open connection's server is gone ...
    expect(await answer(await inRequestScope(request("GET"), GET))).toEqual(unavailable);
    expect(await answer(await inRequestScope(request("PATCH", { bio: "Written in the outage" }), PATCH))).toEqual(
      unavailable,
    );
    // ... and a new connection cannot be opened.
    await disconnectMongo();
    expect(await answer(await inRequestScope(request("GET"), GET))).toEqual(unavailable);
    expect(await answer(await inRequestScope(request("PATCH", { bio: "Written in the outage" }), PATCH))).toEqual(
      unavailable,
    );
  } finally {
    await mongo.start();
  }
  // Back up, it serves again, also after the outage's failed connect attempts.
  expect(await answer(await inRequestScope(request("PATCH", { bio: "After the outage" }), PATCH))).toEqual([
    200,
    expect.objectContaining({ profile: expect.objectContaining({ bio: "After the outage" }) }),
  ]);
});

describe("PATCH from anywhere but web's own pages", () => {
  const CROSS_SITE = "Cross-origin request refused: this endpoint accepts requests from its own site only.";
  const NO_ORIGIN = "The Origin header is missing: this endpoint accepts requests from its own site only.";
  const NOT_JSON = "Send the body as JSON (Content-Type: application/json).";
  let request: Awaited<ReturnType<typeof signedIn>>;
  const bio = async () =>
    ((await answer(await inRequestScope(request("GET"), GET)))[1] as { profile: { bio: string } }).profile.bio;

  beforeAll(async () => {
    request = await signedIn("profile-origin@burrow.test");
    expect(await answer(await inRequestScope(request("PATCH", { bio: "Mine" }), PATCH))).toEqual([
      200,
      expect.objectContaining({ profile: expect.objectContaining({ bio: "Mine" }) }),
    ]);
  });

  it.each([
    ["a foreign origin", { origin: "https://evil.example" }, CROSS_SITE],
    ["an opaque (null) origin", { origin: "null" }, CROSS_SITE],
    ["pets' origin", { origin: "http://localhost:3001" }, CROSS_SITE],
    ["no Origin", { origin: null }, NO_ORIGIN],
  ])("refuses %s with 403 and writes nothing", async (_, headers, error) => {
    expect(await answer(await inRequestScope(request("PATCH", { bio: "Planted" }, headers), PATCH))).toEqual([
      403,
      { error },
    ]);
    expect(await bio()).toBe("Mine");
  });

  it.each([
    ["text/plain", '{"bio":"Planted"}'],
    ["application/x-www-form-urlencoded", "bio=Planted"],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="bio"\r\n\r\nPlanted\r\n--x--'],
  ])("refuses %s from web's own origin with 415 and writes nothing", async (type, body) => {
    expect(await answer(await inRequestScope(request("PATCH", body, { "content-type": type }), PATCH))).toEqual([
      415,
      { error: NOT_JSON },
    ]);
    expect(await bio()).toBe("Mine");
  });

  it("refuses a body without a content type with 415", async () => {
    expect(
      await answer(await inRequestScope(request("PATCH", '{"bio":"Planted"}', { "content-type": null }), PATCH)),
    ).toEqual([415, { error: NOT_JSON }]);
    expect(await bio()).toBe("Mine");
  });

  it("refuses a foreign origin before looking at the session", async () => {
    const anonymous = new NextRequest(`${WEB}/api/profile`, {
      method: "PATCH",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect((await inRequestScope(anonymous, PATCH)).status).toBe(403);
  });

  it("accepts JSON from web's own origin, with a charset too", async () => {
    const sent = request("PATCH", { bio: "Still mine" }, { "content-type": "application/json; charset=utf-8" });
    expect((await inRequestScope(sent, PATCH)).status).toBe(200);
    expect(await bio()).toBe("Still mine");
  });
});
