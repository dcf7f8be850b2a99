// The image pipeline on bytes already in memory: sniff, refuse what is not a photo we take, then
// auto-orient and write WebP variants without any metadata (EXIF/GPS/XMP are never copied) plus a tiny
// blurred placeholder. No I/O here, so the bench and the unit tests run it alone.
/// <reference path="./heic-decode.d.ts" />
import { type Failure, failure, type Result } from "@burrow/http/result";
import decodeHeic from "heic-decode";
import sharp, { type Metadata, type Sharp, type SharpOptions } from "sharp";
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

const tooManyPixels = () => failure("TOO_LARGE", `Photos may have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`);

/** What sharp reads the photo from: the bytes, or for HEIC the pixels libheif decoded. */
interface Source {
  input: Uint8Array;
  options: SharpOptions;
}

export async function processImage(bytes: Uint8Array, kind: PhotoKind): Promise<Result<ProcessedImage>> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return failure("TOO_LARGE", "Photos may be at most 10 MB.");
  const type = await sniffImage(bytes);
  if (!type) return failure("UNSUPPORTED_MEDIA", "Only JPEG, PNG, WebP, HEIC and AVIF photos are accepted.");
  const source = type === "image/heic" ? await heicSource(bytes) : { ok: true as const, input: bytes, options: {} };
  if (!source.ok) return source;
  const image = () => sharp(source.input, { ...sharpOptions, ...source.options });
  let meta: Metadata;
  try {
    meta = await image().metadata();
  } catch (e) {
    return refusal(e);
  }
  // Checked on the header before any decoding: a decompression bomb never reaches the decoder.
  if (!meta.width || !meta.height) return unreadable();
  if (meta.width * meta.height > MAX_INPUT_PIXELS) return tooManyPixels();
  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  try {
    const variants = await Promise.all(VARIANT_WIDTHS[kind].map((w) => variant(image, kind, w)));
    const blurred = await image()
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

/**
 * HEIC (iPhones' default) through libheif compiled to WebAssembly: sharp's prebuilt binaries have no
 * HEVC decoder (patents). The size is read before decoding (no bombs); libheif applies the rotation
 * and mirroring stored in the file, and raw pixels carry no metadata at all.
 */
async function heicSource(bytes: Uint8Array): Promise<Result<Source>> {
  let images: Awaited<ReturnType<typeof decodeHeic.all>>;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch {
    return unreadable();
  }
  try {
    const primary = images[0];
    if (!primary?.width || !primary.height) return unreadable();
    if (primary.width * primary.height > MAX_INPUT_PIXELS) return tooManyPixels();
    const { width, height, data } = await primary.decode();
    return { ok: true, input: new Uint8Array(data.buffer), options: { raw: { width, height, channels: 4 } } };
  } catch {
    return unreadable();
  } finally {
    images.dispose();
  }
}

async function variant(image: () => Sharp, kind: PhotoKind, width: number): Promise<Variant> {
  const resize =
    kind === "avatar"
      ? ({ width, height: width, fit: "cover", position: "attention" } as const)
      : ({ width, withoutEnlargement: true } as const);
  const { data, info } = await image()
    .rotate()
    .resize(resize)
    .webp({ quality: 78 })
    .toBuffer({ resolveWithObject: true });
  return { width, height: info.height, bytes: data };
}

function refusal(e: unknown): Failure {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return tooManyPixels();
  return unreadable();
}
