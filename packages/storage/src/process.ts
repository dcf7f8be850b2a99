// The image pipeline on bytes already in memory: sniff, refuse what is not a photo we take, then
// auto-orient and write WebP variants without any metadata (EXIF/GPS/XMP are never copied) plus a tiny
// blurred placeholder. No I/O here, so the bench and the unit tests run it alone.
import { type Failure, failure, type Result } from "@burrow/http/result";
import sharp, { type Metadata } from "sharp";
import type { PhotoKind } from "./keys";
import { VARIANT_WIDTHS } from "./keys";
import { MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES } from "./limits";
import { type AcceptedType, sniffImage } from "./sniff";

export interface Variant {
  /** The width this variant is named by; narrower when the photo itself is narrower. */
  width: number;
  height: number;
  bytes: Buffer;
}

export interface ProcessedImage {
  type: AcceptedType;
  /** The oriented image's size, for aspect ratios. Avatars are square. */
  width: number;
  height: number;
  variants: Variant[];
  /** A `data:image/webp;base64,…` URL of a 16 px wide blurred copy (a few hundred bytes). */
  placeholder: string;
}

const sharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "warning" } as const;
const unreadable = () =>
  failure("UNSUPPORTED_MEDIA", "The image could not be read: it is damaged, truncated or not a photo.");

export async function processImage(bytes: Uint8Array, kind: PhotoKind): Promise<Result<ProcessedImage>> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return failure("TOO_LARGE", "Photos may be at most 10 MB.");
  const type = await sniffImage(bytes);
  if (!type) return failure("UNSUPPORTED_MEDIA", "Only JPEG, PNG, WebP, HEIC and AVIF photos are accepted.");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, sharpOptions).metadata();
  } catch (e) {
    return refusal(e);
  }
  // Checked on the header before any decoding: a decompression bomb never reaches the decoder.
  if (!meta.width || !meta.height) return unreadable();
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    return failure("TOO_LARGE", `Photos may have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`);
  }
  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  try {
    const variants = await Promise.all(VARIANT_WIDTHS[kind].map((w) => variant(bytes, kind, w)));
    const blurred = await sharp(bytes, sharpOptions)
      .rotate()
      .resize(kind === "avatar" ? { width: 16, height: 16, fit: "cover" } : { width: 16 })
      .blur(1)
      .webp({ quality: 40 })
      .toBuffer();
    const side = Math.min(oriented.width, oriented.height);
    return {
      ok: true,
      type,
      width: kind === "avatar" ? side : oriented.width,
      height: kind === "avatar" ? side : oriented.height,
      variants,
      placeholder: `data:image/webp;base64,${blurred.toString("base64")}`,
    };
  } catch (e) {
    return refusal(e);
  }
}

async function variant(bytes: Uint8Array, kind: PhotoKind, width: number): Promise<Variant> {
  const resize =
    kind === "avatar"
      ? ({ width, height: width, fit: "cover", position: "attention" } as const)
      : ({ width, withoutEnlargement: true } as const);
  const { data, info } = await sharp(bytes, sharpOptions)
    .rotate()
    .resize(resize)
    .webp({ quality: 78 })
    .toBuffer({ resolveWithObject: true });
  return { width, height: info.height, bytes: data };
}

function refusal(e: unknown): Failure {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) {
    return failure("TOO_LARGE", `Photos may have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`);
  }
  // HEIC photos need libheif's HEVC decoder, which sharp's prebuilt binaries leave out (patents).
  if (/heif|hevc|compression format/i.test(message)) {
    return failure("UNSUPPORTED_MEDIA", "This HEIC photo could not be decoded here: please upload it as JPEG.");
  }
  return unreadable();
}
