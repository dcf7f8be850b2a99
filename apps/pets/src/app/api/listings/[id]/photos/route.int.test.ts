// The upload as the browser runs it, against real PostgreSQL and the real S3-compatible server: the
// presign route (a real session cookie, the route in Next's request scope), the browser's POST to
// storage, the finish route. Refused uploads leave nothing in the bucket and no row.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { listingPhotoRepository, MAX_LISTING_PHOTOS } from "@burrow/db";
import { photoStorage, VARIANT_WIDTHS, variantKey } from "@burrow/storage";
import { jpegWithGps, png, renamedExecutable, svgWithScript, truncatedJpeg } from "@burrow/storage/fixtures";
import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { inRequestScope } from "@burrow/testing/next";
import { bucketKeys, postToStorage } from "@burrow/testing/photos";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as finish } from "./route";
import { POST as presign } from "./uploads/route";

const PETS = "http://localhost:3001";
const { db } = testDatabase();
const make = factories(db);
const storage = photoStorage();
const photos = listingPhotoRepository(db);

beforeAll(() =>
  stubAppEnv({ WEB_URL: "http://localhost:3000", PETS_URL: PETS, EMAIL_SERVER: "smtp://localhost:2525" }),
);
afterAll(() => vi.unstubAllEnvs());

async function sessionFor(userId: string) {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 3_600_000) } });
  return sessionToken;
}

type Route = typeof finish;
/** POSTs JSON to a route as pets' own page would (same origin), with `token`'s session. */
async function call(route: Route, path: string, listingId: string, body: unknown, token: string | null, origin = PETS) {
  const request = new NextRequest(`${PETS}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(origin ? { origin } : {}),
      ...(token ? { cookie: `authjs.session-token=${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const response = await inRequestScope(request, (r) => route(r, { params: Promise.resolve({ id: listingId }) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sitterWithListing() {
  const sitter = await make.user("SITTER");
  const listing = await make.listing(sitter.id, { photoUrls: ["https://example.com/old.jpg"] });
  const token = await sessionFor(sitter.id);
  const api = `/api/listings/${listing.id}/photos`;
  return {
    sitter,
    listing,
    token,
    presign: (body: unknown, as: string | null = token) => call(presign, `${api}/uploads`, listing.id, body, as),
    finish: (body: unknown, as: string | null = token) => call(finish, api, listing.id, body, as),
  };
}

type Presigned = Parameters<typeof postToStorage>[0];

/** Presign through the route, then POST the bytes to storage as the browser does. */
async function browserUpload(
  scene: Awaited<ReturnType<typeof sitterWithListing>>,
  bytes: Uint8Array,
  contentType = "image/jpeg",
) {
  const presigned = await scene.presign({ contentType, size: bytes.byteLength });
  expect(presigned.status, JSON.stringify(presigned.body)).toBe(201);
  const stored = await postToStorage(presigned.body as unknown as Presigned, bytes, contentType);
  expect(stored.status, stored.body).toBe(204);
  return presigned.body.uploadId as string;
}

const nothingStored = async (listingId: string) => {
  expect(await bucketKeys(storage, `uploads/listing/${listingId}/`)).toEqual([]);
  expect(await bucketKeys(storage, `img/listing/${listingId}/`)).toEqual([]);
  expect(await photos.list(listingId)).toEqual([]);
};

describe("uploading a listing photo", () => {
  it("presigns, takes the browser's POST, processes it and adds it with its alt text", async () => {
    const scene = await sitterWithListing();
    const uploadId = await browserUpload(scene, await jpegWithGps(1600, 1200));
    const done = await scene.finish({ uploadId, alt: "  The garden in May " });
    expect(done.status).toBe(201);
    const photo = done.body.photo as { key: string; alt: string; position: number; width: number };
    expect(photo).toMatchObject({ alt: "The garden in May", position: 0, width: 1600 });
    const variants = await bucketKeys(storage, `img/listing/${scene.listing.id}/`);
    expect(variants.sort()).toEqual(VARIANT_WIDTHS.listing.map((w) => variantKey(photo.key, w)).sort());
    // No GPS left in what browsers get; the original is gone.
    const served = await fetch(storage.url(photo.key, 640));
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect(await bucketKeys(storage, `uploads/listing/${scene.listing.id}/`)).toEqual([]);
    // The first upload replaces the legacy photo addresses.
    expect((await db.listing.findUniqueOrThrow({ where: { id: scene.listing.id } })).photoUrls).toEqual([]);
  });

  it("refuses a declared size over 10 MB (413) or another type (415) before presigning", async () => {
    const scene = await sitterWithListing();
    expect(await scene.presign({ contentType: "image/jpeg", size: 10 * 1024 * 1024 + 1 })).toMatchObject({
      status: 413,
      body: { error: "Photos may be at most 10 MB." },
    });
    for (const contentType of ["image/svg+xml", "application/x-msdownload", "text/html"]) {
      expect((await scene.presign({ contentType, size: 100 })).status).toBe(415);
    }
    expect((await scene.presign({ contentType: "image/jpeg" })).status).toBe(400);
    await nothingStored(scene.listing.id);
  });

  it("refuses more bytes than the policy allows at storage, and the finish finds nothing", async () => {
    const scene = await sitterWithListing();
    const presigned = await scene.presign({ contentType: "image/jpeg", size: 1000 });
    const big = await postToStorage(
      presigned.body as unknown as Presigned,
      Buffer.alloc(10 * 1024 * 1024 + 1024, 1),
      "image/jpeg",
    );
    expect(big.status).toBe(400);
    expect(big.body).toContain("EntityTooLarge");
    expect((await scene.finish({ uploadId: presigned.body.uploadId, alt: "Big" })).status).toBe(404);
    await nothingStored(scene.listing.id);
  });

  it.each([
    ["a renamed executable", () => renamedExecutable, "image/jpeg", 415],
    ["an SVG with a script", () => svgWithScript, "image/png", 415],
    ["a truncated JPEG", truncatedJpeg, "image/jpeg", 415],
  ] as const)("refuses %s by its bytes with a clear 4xx and keeps nothing", async (_, make, type, status) => {
    const scene = await sitterWithListing();
    const uploadId = await browserUpload(scene, await make(), type);
    const done = await scene.finish({ uploadId, alt: "Not a photo" });
    expect(done.status).toBe(status);
    expect(done.body.error).toMatch(/could not be read|not a photo|JPEG/i);
    await nothingStored(scene.listing.id);
  });

  it("refuses a presigned POST reused for another listing, and an upload finished on another listing", async () => {
    const scene = await sitterWithListing();
    const other = await make.listing(scene.sitter.id);
    const presigned = await scene.presign({ contentType: "image/jpeg", size: 1000 });
    const body = presigned.body as unknown as Presigned;
    const elsewhere = `uploads/listing/${other.id}/${body.uploadId}`;
    expect((await postToStorage(body, await jpegWithGps(), "image/jpeg", { key: elsewhere })).status).toBe(403);
    expect(await bucketKeys(storage, `uploads/listing/${other.id}/`)).toEqual([]);
    // Uploaded where it belongs, it still cannot be finished on the sitter's other listing.
    expect((await postToStorage(body, await jpegWithGps(), "image/jpeg")).status).toBe(204);
    const stolen = await call(
      finish,
      `/api/listings/${other.id}/photos`,
      other.id,
      { uploadId: body.uploadId, alt: "Mine" },
      scene.token,
    );
    expect(stolen.status).toBe(404);
    expect(await photos.list(other.id)).toEqual([]);
  });

  it("answers 404 for another sitter's listing, 401 signed out, 403 from another site; stores nothing", async () => {
    const scene = await sitterWithListing();
    const intruder = await sessionFor((await make.user("SITTER")).id);
    expect((await scene.presign({ contentType: "image/jpeg", size: 1000 }, intruder)).status).toBe(404);
    const uploadId = await browserUpload(scene, await png(), "image/png");
    expect((await scene.finish({ uploadId, alt: "Mine now" }, intruder)).status).toBe(404);
    expect((await scene.presign({ contentType: "image/jpeg", size: 1000 }, null)).status).toBe(401);
    const api = `/api/listings/${scene.listing.id}/photos`;
    const crossSite = await call(
      finish,
      api,
      scene.listing.id,
      { uploadId, alt: "x" },
      scene.token,
      "https://evil.test",
    );
    expect(crossSite.status).toBe(403);
    expect(await photos.list(scene.listing.id)).toEqual([]);
    expect(await bucketKeys(storage, `img/listing/${scene.listing.id}/`)).toEqual([]);
  });

  it("requires alt text, and refuses an 11th photo with 409, deleting its variants", async () => {
    const scene = await sitterWithListing();
    const uploadId = await browserUpload(scene, await png(400, 300), "image/png");
    expect(await scene.finish({ uploadId, alt: "   " })).toMatchObject({
      status: 400,
      body: { fieldErrors: { alt: ["Describe the photo for people who cannot see it"] } },
    });
    for (let i = 0; i < MAX_LISTING_PHOTOS; i++) {
      await db.listingPhoto.create({
        data: {
          listingId: scene.listing.id,
          key: `img/listing/${scene.listing.id}/${String(i).padStart(32, "k")}`,
          alt: `Photo ${i}`,
          position: i,
          width: 10,
          height: 10,
          placeholder: "data:image/webp;base64,UklGRg==",
        },
      });
    }
    expect((await scene.presign({ contentType: "image/png", size: 1000 })).status).toBe(409);
    const done = await scene.finish({ uploadId, alt: "One too many" });
    expect(done.status).toBe(409);
    expect(done.body.error).toMatch(/at most 10 photos/);
    expect(await bucketKeys(storage, `img/listing/${scene.listing.id}/`)).toEqual([]);
    expect(await bucketKeys(storage, `uploads/listing/${scene.listing.id}/`)).toEqual([]);
  });
});
