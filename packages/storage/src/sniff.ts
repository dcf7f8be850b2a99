import { fileTypeFromBuffer } from "file-type";

export const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/avif"] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** The image type the bytes say they are (never the name or the Content-Type), or null when not one we take. */
export async function sniffImage(bytes: Uint8Array): Promise<AcceptedType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return null;
  // file-type reports HEIF stills as image/heic or image/heif; both are the same container.
  const mime = found.mime === "image/heif" ? "image/heic" : found.mime;
  return (ACCEPTED_TYPES as readonly string[]).includes(mime) ? (mime as AcceptedType) : null;
}
