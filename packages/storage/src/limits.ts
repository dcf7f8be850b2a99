/** Largest upload the presigned POST's policy accepts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Decoded pixels sharp will accept (a 50-megapixel decompression bomb is refused before decoding). */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_PHOTOS_PER_LISTING = 10;
/** How long a presigned POST stays valid. */
export const UPLOAD_EXPIRY_SECONDS = 300;
/** Uploads never processed are removed after this long. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
/** Processed variants never change under their key. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
