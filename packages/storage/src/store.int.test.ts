import { randomUUID } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseStorageEnv } from "./env";
import { decompressionBomb, jpegWithGps, png, renamedExecutable, svgWithScript, truncatedJpeg } from "./fixtures";
import { type Owner, uploadKey, VARIANT_WIDTHS, variantKey } from "./keys";
import { IMMUTABLE_CACHE_CONTROL, MAX_UPLOAD_BYTES } from "./limits";
import type { AcceptedType } from "./sniff";
import { type PresignedUpload, photoStorage } from "./store";

// Against the real SeaweedFS the test command started (S3_* from its global setup).
const storage = photoStorage(parseStorageEnv());
const { client, bucket: Bucket } = storage;
afterAll(() => client.destroy());

const listing = (): Owner => ({ kind: "listing", id: `l_${randomUUID().slice(0, 8)}` });

async function post(p: PresignedUpload, bytes: Uint8Array, contentType: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...p.fields, ...fields }))
    form.append(k, k === "Content-Type" ? contentType : v);
  form.append("file", new Blob([Buffer.from(bytes)], { type: contentType }), "photo");
  const res = await fetch(p.url, { method: "POST", body: form });
  return { status: res.status, body: await res.text() };
}

async function upload(owner: Owner, bytes: Uint8Array, type: AcceptedType = "image/jpeg") {
  const p = await storage.presignUpload(owner, type);
  const res = await post(p, bytes, type);
  expect(res.status, res.body).toBe(204);
  return p.uploadId;
}

async function keysUnder(Prefix: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix }));
  return (page.Contents ?? []).map((o) => o.Key!);
}

async function read(Key: string): Promise<Buffer> {
  const o = await client.send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await o.Body!.transformToByteArray());
}

describe("presigned POST", () => {
  it("accepts an image of the declared type and size", async () => {
    const owner = listing();
    const id = await upload(owner, await png(), "image/png");
    expect(await keysUnder(uploadKey(owner, id))).toEqual([uploadKey(owner, id)]);
  });

  it("refuses more than 10 MB, another content type, another key and an expired policy", async () => {
    const owner = listing();
    const p = await storage.presignUpload(owner, "image/jpeg");
    const big = await post(p, Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 1), "image/jpeg");
    expect(big.status).toBe(400);
    expect(big.body).toContain("EntityTooLarge");
    expect((await post(p, await png(), "image/png")).status).toBe(403);
    // The same policy reused for another listing's key.
    const other = uploadKey(listing(), p.uploadId);
    expect((await post(p, await jpegWithGps(), "image/jpeg", { key: other })).status).toBe(403);
    expect(await keysUnder(other)).toEqual([]);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 10 * 60_000);
    const stale = await storage.presignUpload(owner, "image/jpeg");
    vi.useRealTimers();
    expect((await post(stale, await jpegWithGps(), "image/jpeg")).status).toBe(403);
    expect(await keysUnder(`uploads/listing/${owner.id}/`)).toEqual([]);
  });
});

describe("finishUpload", () => {
  it("writes every variant without GPS, immutable, and deletes the original", async () => {
    const owner = listing();
    const source = await jpegWithGps(1600, 1200);
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const id = await upload(owner, source);
    const result = await storage.finishUpload(owner, id);
    if (!result.ok) throw new Error(result.message);
    expect(result.image).toMatchObject({ width: 1600, height: 1200 });
    for (const w of VARIANT_WIDTHS.listing) {
      const key = variantKey(result.image.key, w);
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      expect(head.ContentType).toBe("image/webp");
      expect(head.CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
      const meta = await sharp(await read(key)).metadata();
      expect(meta.width).toBe(w);
      expect(meta.exif).toBeUndefined();
    }
    expect(await keysUnder(uploadKey(owner, id))).toEqual([]);
    // Browsers read variants anonymously, with the cache header.
    const res = await fetch(storage.url(result.image.key, 320));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(IMMUTABLE_CACHE_CONTROL);
  });

  it("orients a rotated photo and crops an avatar square", async () => {
    const owner = listing();
    const turned = await storage.finishUpload(owner, await upload(owner, await jpegWithGps(800, 400, 6)));
    if (!turned.ok) throw new Error(turned.message);
    expect([turned.image.width, turned.image.height]).toEqual([400, 800]);
    const meta = await sharp(await read(variantKey(turned.image.key, 320))).metadata();
    expect([meta.width, meta.height]).toEqual([320, 640]);

    const user: Owner = { kind: "avatar", id: `u_${randomUUID().slice(0, 8)}` };
    const avatar = await storage.finishUpload(user, await upload(user, await jpegWithGps(600, 300)));
    if (!avatar.ok) throw new Error(avatar.message);
    const square = await sharp(await read(variantKey(avatar.image.key, 384))).metadata();
    expect([square.width, square.height]).toEqual([384, 384]);
  });

  it.each([
    ["a renamed executable", () => renamedExecutable, 415],
    ["an SVG with a script", () => svgWithScript, 415],
    ["a truncated JPEG", truncatedJpeg, 415],
    ["a 50-megapixel decompression bomb", decompressionBomb, 413],
  ] as const)("refuses %s and keeps nothing", async (_, make, status) => {
    const owner = listing();
    // The browser may claim anything; only the bytes count.
    const id = await upload(owner, await make(), "image/jpeg");
    const result = await storage.finishUpload(owner, id);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ TOO_LARGE: 413, UNSUPPORTED_MEDIA: 415 }[result.code as "TOO_LARGE"]).toBe(status);
    expect(await keysUnder(`uploads/listing/${owner.id}/`)).toEqual([]);
    expect(await keysUnder(`img/listing/${owner.id}/`)).toEqual([]);
  });

  it("finds no upload of one listing under another, nor one already processed", async () => {
    const owner = listing();
    const id = await upload(owner, await jpegWithGps());
    expect(await storage.finishUpload(listing(), id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await storage.finishUpload(owner, id)).ok).toBe(true);
    expect(await storage.finishUpload(owner, id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("deletion", () => {
  it("removes one image, then everything an owner has", async () => {
    const owner = listing();
    const a = await storage.finishUpload(owner, await upload(owner, await jpegWithGps(700, 500)));
    const b = await storage.finishUpload(owner, await upload(owner, await png(900, 600), "image/png"));
    if (!a.ok || !b.ok) throw new Error("processing failed");
    await upload(owner, await png()); // pending, never processed
    await storage.deleteImage(owner, a.image.key);
    expect(await keysUnder(a.image.key)).toEqual([]);
    expect(await keysUnder(b.image.key)).toHaveLength(3);
    expect(await storage.deleteOwner(owner)).toBe(4);
    expect(await keysUnder(`img/listing/${owner.id}/`)).toEqual([]);
    expect(await keysUnder(`uploads/listing/${owner.id}/`)).toEqual([]);
  });

  it("sweeps uploads older than 24 h and keeps newer ones and processed images", async () => {
    const owner = listing();
    const pending = uploadKey(owner, await upload(owner, await png()));
    const done = await storage.finishUpload(owner, await upload(owner, await png(400, 300), "image/png"));
    if (!done.ok) throw new Error(done.message);
    await storage.sweepOrphans();
    expect(await keysUnder(pending)).toEqual([pending]);
    const swept = await storage.sweepOrphans(new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await keysUnder(pending)).toEqual([]);
    expect(await keysUnder(done.image.key)).toHaveLength(3);
  });

  it("deleteOwner leaves other owners alone", async () => {
    const [one, two] = [listing(), listing()];
    await client.send(new PutObjectCommand({ Bucket, Key: `img/listing/${two.id}/keep`, Body: "x" }));
    await storage.deleteOwner(one);
    expect(await keysUnder(`img/listing/${two.id}/`)).toEqual([`img/listing/${two.id}/keep`]);
  });
});
