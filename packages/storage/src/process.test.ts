import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  decompressionBomb,
  heicWithGps,
  jpegWithGps,
  png,
  renamedExecutable,
  svgWithScript,
  truncatedJpeg,
} from "./fixtures";
import { MAX_UPLOAD_BYTES } from "./limits";
import { processImage } from "./process";

describe("processImage", () => {
  it("writes every WebP variant without EXIF or GPS, plus a small placeholder", async () => {
    const source = await jpegWithGps(1600, 1200);
    expect(exifReader((await sharp(source).metadata()).exif!).GPSInfo).toBeDefined();
    const result = await processImage(source, "listing");
    if (!result.ok) throw new Error(result.message);
    expect(result.variants.map((v) => v.width)).toEqual([320, 640, 1280]);
    for (const v of result.variants) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBe(v.width);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(result.placeholder.length).toBeLessThan(400);
  });

  it("decodes an iPhone-style HEIC into every variant, its EXIF and GPS left behind", async () => {
    const source = heicWithGps();
    expect(source.includes("Exif")).toBe(true);
    const result = await processImage(source, "listing");
    if (!result.ok) throw new Error(result.message);
    expect(result.type).toBe("image/heic");
    expect([result.width, result.height]).toEqual([800, 400]);
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [320, 160],
      [640, 320],
      [1280, 400],
    ]);
    for (const v of result.variants) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
    }
    // The left quarter of the picture is orange, the rest blue: the pixels came through, not a blank.
    const { data } = await sharp(result.variants[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(180);
    expect(data[2]).toBeLessThan(120);
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,/);
  });

  it("refuses a truncated HEIC as unreadable", async () => {
    const source = heicWithGps();
    const result = await processImage(source.subarray(0, Math.floor(source.length / 2)), "listing");
    expect(result).toMatchObject({ ok: false, code: "UNSUPPORTED_MEDIA" });
  });

  it("turns a photo by its EXIF orientation", async () => {
    const result = await processImage(await jpegWithGps(800, 400, 6), "listing");
    if (!result.ok) throw new Error(result.message);
    expect([result.width, result.height]).toEqual([400, 800]);
    const meta = await sharp(result.variants[0]!.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([320, 640]);
  });

  it("does not enlarge a small photo and crops avatars square", async () => {
    const small = await processImage(await png(300, 200), "listing");
    if (!small.ok) throw new Error(small.message);
    expect((await sharp(small.variants[2]!.bytes).metadata()).width).toBe(300);
    const avatar = await processImage(await jpegWithGps(500, 300), "avatar");
    if (!avatar.ok) throw new Error(avatar.message);
    const meta = await sharp(avatar.variants[2]!.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([384, 384]);
  });

  it.each([
    ["a renamed executable", () => renamedExecutable, "UNSUPPORTED_MEDIA"],
    ["an SVG with a script", () => svgWithScript, "UNSUPPORTED_MEDIA"],
    ["a truncated JPEG", truncatedJpeg, "UNSUPPORTED_MEDIA"],
    ["a 50-megapixel decompression bomb", decompressionBomb, "TOO_LARGE"],
    ["more than 10 MB", () => Buffer.alloc(MAX_UPLOAD_BYTES + 1), "TOO_LARGE"],
  ] as const)("refuses %s", async (_, make, code) => {
    const result = await processImage(await make(), "listing");
    expect(result).toMatchObject({ ok: false, code });
  });
});
