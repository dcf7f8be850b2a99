// /api/profile with MongoDB unreachable: reading and saving answer 503 with a clear message, not a
// bare 500. Uses a Mongo-wire server of its own so it can stop it; the user signs in with a real
// database session, and each handler runs in a request scope as Next runs it.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { createPrismaClient } from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import { tempDir } from "@burrow/db/testing";
import { type WorkStore, workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freePort, launchMongoWire } from "../../../../../../scripts/lib/services";
import { disconnectMongo } from "../../../server/mongo/connection";
import { GET, PATCH } from "./route";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 2);
const sql = new pg.Client({ connectionString: url });
const mongoDir = tempDir("burrow-profile-route-");
let mongoPort: number;
let stopMongo: () => Promise<void>;

async function startMongo() {
  const started = await launchMongoWire({ dataDir: mongoDir, port: mongoPort, database: "profile-route" });
  stopMongo = started.stop;
  return started.uri;
}

beforeAll(async () => {
  mongoPort = await freePort();
  vi.stubEnv("MONGODB_URI", await startMongo());
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("EMAIL_SERVER", "smtp://localhost:2525");
  vi.stubEnv("EMAIL_FROM", "Burrow <no-reply@burrow.test>");
  vi.stubEnv("WEB_URL", "http://localhost:3000");
  await sql.connect();
  await cleanPostgres(sql);
});
afterAll(async () => {
  await disconnectMongo();
  await stopMongo();
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
  vi.unstubAllEnvs();
});

/** Runs a handler inside a request scope built by Next's own request store, so `cookies()` and `auth()` work. */
function handle(request: NextRequest, handler: (request: NextRequest) => Promise<Response>) {
  const { pathname, search } = request.nextUrl;
  const tags = { tags: [], expirationsByCacheKind: new Map() };
  const store = createRequestStoreForAPI(request, { pathname, search }, tags, undefined, undefined, undefined);
  // The fields of the route's work store that `cookies()` and `headers()` read in a dynamic route.
  const work = { route: pathname, forceStatic: false, dynamicShouldError: false } as WorkStore;
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(store, () => handler(request)));
}

/** Requests of a signed-in user: a database session, as the magic-link flow leaves it, and its cookie. */
async function signedIn(email: string) {
  const user = await db.user.create({ data: { email } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return (method: "GET" | "PATCH", body?: object) =>
    new NextRequest("http://localhost:3000/api/profile", {
      method,
      headers: { cookie: `authjs.session-token=${sessionToken}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
}

const answer = async (response: Response) => [response.status, await response.json()];

it("answers 503 with a clear message while MongoDB is down, and serves again once it is back", async () => {
  const request = await signedIn("profile-route@burrow.test");
  // Served while the server is up: the 503s below are MongoDB's, not the session's.
  expect(await answer(await handle(request("GET"), GET))).toEqual([
    200,
    expect.objectContaining({ profile: expect.any(Object) }),
  ]);

  await stopMongo();
  try {
    const unavailable = [503, { error: "Profiles are unavailable right now. Please try again." }];
    // The open connection's server is gone ...
    expect(await answer(await handle(request("GET"), GET))).toEqual(unavailable);
    expect(await answer(await handle(request("PATCH", { bio: "Written in the outage" }), PATCH))).toEqual(unavailable);
    // ... and a new connection cannot be opened.
    await disconnectMongo();
    expect(await answer(await handle(request("GET"), GET))).toEqual(unavailable);
    expect(await answer(await handle(request("PATCH", { bio: "Written in the outage" }), PATCH))).toEqual(unavailable);
  } finally {
    await startMongo();
  }
  // Back up, it serves again, also after the outage's failed connect attempts.
  expect(await answer(await handle(request("PATCH", { bio: "After the outage" }), PATCH))).toEqual([
    200,
    expect.objectContaining({ profile: expect.objectContaining({ bio: "After the outage" }) }),
  ]);
});
