// /api/profile/avatar as the profile page drives it: presign (POST), the browser's own POST to the
// real SeaweedFS the test command started, then finish (PUT). Users sign in with real database
// sessions; each handler runs in a request scope as Next runs it; the bucket is listed to see what
// is stored.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { png, renamedExecutable, svgWithScript } from "@burrow/storage/fixtures";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { inRequestScope } from "@burrow/testing/next";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { disconnectMongo } from "../../../../server/mongo/connection";
import { ensureProfile, findProfileView } from "../../../../server/mongo/profile";
import { photos } from "../../../../server/photos";
import { POST, PUT } from "./route";

const { db } = testDatabase(2);
const WEB = "http://localhost:3000";

beforeAll(async () => {
  stubAppEnv({ MONGODB_URI: process.env.MONGODB_URI as string, EMAIL_SERVER: "smtp://localhost:2525", WEB_URL: WEB });
  await ensureProfile("warm-up"); // connects and builds the indexes
});
afterAll(async () => {
  await disconnectMongo();
  vi.unstubAllEnvs();
});

/** A signed-in user's calls to the avatar endpoint, as the profile page sends them. */
async function signedIn(tag: string) {
  const user = await db.user.create({ data: { email: `${tag}-${randomBytes(4).toString("hex")}@burrow.test` } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  const call = async (method: "POST" | "PUT", body: object) => {
    const request = new NextRequest(`${WEB}/api/profile/avatar`, {
      method,
      headers: {
        cookie: `authjs.session-token=${sessionToken}`,
        origin: WEB,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    const response = await inRequestScope(request, method === "POST" ? POST : PUT);
    return { status: response.status, body: await response.json() };
  };
  return { id: user.id, call };
}
type User = Awaited<ReturnType<typeof signedIn>>;

/** Presigns, then POSTs `bytes` to storage as the browser would; returns the upload id. */
async function uploadAs(user: User, bytes: Uint8Array, contentType = "image/png"): Promise<string> {
  const started = await user.call("POST", { contentType });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { uploadId, url, fields } = started.body.upload;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields as Record<string, string>)) form.append(name, value);
  form.append("file", new Blob([Buffer.from(bytes)], { type: contentType }), "avatar");
  expect((await fetch(url, { method: "POST", body: form })).status).toBe(204);
  return uploadId;
}

/** Every object of the user's avatars in the bucket: processed variants and pending uploads. */
async function stored(userId: string): Promise<string[]> {
  const storage = photos();
  const keys: string[] = [];
  for (const Prefix of [`img/avatar/${userId}/`, `uploads/avatar/${userId}/`]) {
    const page = await storage.client.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
  }
  return keys.sort();
}

const square = (size: number, colour: string) =>
  sharp({ create: { width: size, height: Math.round(size * 0.75), channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

describe("avatar upload", () => {
  it("processes an upload into square variants on the profile; a replacement deletes the old objects", async () => {
    const ada = await signedIn("ada");
    const first = await ada.call("PUT", { uploadId: await uploadAs(ada, await square(800, "#c06"), "image/jpeg") });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const profile = await findProfileView(ada.id);
    const key = profile?.avatar?.key as string;
    expect(profile?.avatar).toEqual({ key, width: 600, height: 600, placeholder: expect.stringMatching(/^data:/) });
    expect(await stored(ada.id)).toEqual([`${key}/192.webp`, `${key}/384.webp`, `${key}/96.webp`]);
    expect(first.body.avatar).toEqual({
      ...profile?.avatar,
      base: photos().publicUrl,
      alt: "",
      widths: [96, 192, 384],
    });

    // What the srcset names loads, square, with the immutable cache header.
    const variant = await fetch(photos().url(key, 192));
    expect(variant.status).toBe(200);
    expect(variant.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await sharp(Buffer.from(await variant.arrayBuffer())).metadata()).toMatchObject({ width: 192, height: 192 });

    const second = await ada.call("PUT", { uploadId: await uploadAs(ada, await png(300, 300)) });
    expect(second.status).toBe(200);
    const replaced = (await findProfileView(ada.id))?.avatar?.key as string;
    expect(replaced).not.toBe(key);
    expect(await stored(ada.id)).toEqual([`${replaced}/192.webp`, `${replaced}/384.webp`, `${replaced}/96.webp`]);
  });

  it("refuses a type it does not take before presigning, and what is not an image after, storing nothing", async () => {
    const bob = await signedIn("bob");
    const svg = await bob.call("POST", { contentType: "image/svg+xml" });
    expect(svg).toEqual({
      status: 400,
      body: expect.objectContaining({ fieldErrors: { contentType: ["Choose a JPEG, PNG, WebP, HEIC or AVIF image"] } }),
    });
    expect((await bob.call("POST", { contentType: "image/png", extra: 1 })).status).toBe(400);

    // Declared a PNG, the bytes say otherwise: refused by what they are, the upload deleted.
    for (const bytes of [renamedExecutable, svgWithScript]) {
      const refused = await bob.call("PUT", { uploadId: await uploadAs(bob, bytes) });
      expect(refused).toEqual({ status: 415, body: { error: expect.stringMatching(/JPEG, PNG, WebP/) } });
    }
    expect(await stored(bob.id)).toEqual([]);
    expect((await findProfileView(bob.id))?.avatar ?? null).toBeNull();
  });

  it("finds nothing under someone else's upload id or a malformed one (4xx), and changes nothing", async () => {
    const [owner, intruder] = [await signedIn("owner"), await signedIn("intruder")];
    const theirs = await uploadAs(owner, await png(200, 200));
    expect(await intruder.call("PUT", { uploadId: theirs })).toEqual({
      status: 404,
      body: { error: "No such upload here: it failed, expired or was already used." },
    });
    expect((await intruder.call("PUT", { uploadId: "../../img/avatar/x" })).status).toBe(400);
    expect(await stored(intruder.id)).toEqual([]);
    expect((await findProfileView(intruder.id))?.avatar ?? null).toBeNull();
    // The owner's upload is still theirs to finish.
    expect(await stored(owner.id)).toEqual([`uploads/avatar/${owner.id}/${theirs}`]);
    expect((await owner.call("PUT", { uploadId: theirs })).status).toBe(200);
  });

  it("answers 401 to a visitor who is not signed in", async () => {
    const request = new NextRequest(`${WEB}/api/profile/avatar`, {
      method: "POST",
      headers: { origin: WEB, "content-type": "application/json" },
      body: JSON.stringify({ contentType: "image/png" }),
    });
    expect((await inRequestScope(request, POST)).status).toBe(401);
  });
});
