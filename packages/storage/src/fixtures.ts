// Images for tests, the bench and e2e, made with sharp (no network), including the hostile ones the
// pipeline must refuse. The one file: a HEIC, which nothing on npm can encode.
import { readFileSync } from "node:fs";
import sharp from "sharp";

/** A JPEG `width`×`height` carrying a GPS position, optionally with an EXIF orientation. */
export function jpegWithGps(width = 200, height = 100, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation })
    .withExifMerge({
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .toBuffer();
}

/** A phone-sized photo (12 MP by default) with noise, so it compresses like a real one. */
export function phonePhoto(width = 4032, height = 3024): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: "#6b8e23", noise: { type: "gaussian", mean: 110, sigma: 40 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();
}

/** A small JPEG whose header claims 8000×6250 (50 MP): a decompression bomb, refused before decoding. */
export async function decompressionBomb(): Promise<Buffer> {
  const bytes = Buffer.from(
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "white" } })
      .jpeg()
      .toBuffer(),
  );
  for (let i = 2; i < bytes.length - 9; i++) {
    // Start-of-frame marker: FF C0 (baseline) then length(2) precision(1) height(2) width(2).
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) {
      bytes.writeUInt16BE(6250, i + 5);
      bytes.writeUInt16BE(8000, i + 7);
      return bytes;
    }
  }
  throw new Error("no SOF0 marker in the JPEG");
}

/** The first half of a real JPEG. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await phonePhoto(400, 300);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

export const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>',
);

/** An ELF executable's header and some code-like bytes, as if renamed to photo.jpg. */
export const renamedExecutable = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(56),
  Buffer.from([0x3e, 0x00]),
  Buffer.alloc(200, 0x90),
]);

/**
 * An 800×400 HEIC (HEVC, 1.4 KB) whose EXIF carries a GPS position, made from a jpegWithGps-like
 * JPEG by libheif's `heif-enc -q 40` (Debian's libheif-examples).
 */
export const heicWithGps = (): Buffer => readFileSync(new URL("../test-images/gps.heic", import.meta.url));
