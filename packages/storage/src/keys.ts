// Object keys. Uploads land under `uploads/`, bound to their owner (a listing or a user) by the
// presigned POST's policy; processed variants are content-addressed under `img/<kind>/<owner>/`, so one
// key always names the same bytes (immutable caching) and an owner's objects share one prefix.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";

export const PHOTO_KINDS = ["listing", "avatar"] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** Bump when the processing changes what a key's bytes are, so caches never serve the old output. */
export const PIPELINE_VERSION = 1;

/** Widths written for each kind (avatars are square, so also their heights). */
export const VARIANT_WIDTHS: Record<PhotoKind, readonly number[]> = {
  listing: [320, 640, 1280],
  avatar: [96, 192, 384],
};

/** Listing ids are cuids, user ids cuids or UUIDs: letters, digits, `-` and `_` only. */
export const OwnerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
export const UploadId = z.uuid({ error: "not a valid upload id" });

export interface Owner {
  kind: PhotoKind;
  id: string;
}

export function newUploadId(): string {
  return randomUUID();
}

export function uploadKey(owner: Owner, uploadId: string): string {
  return `uploads/${owner.kind}/${OwnerId.parse(owner.id)}/${UploadId.parse(uploadId)}`;
}

/** The prefix under which one owner's processed images live (removed whole on archive/deletion). */
export function ownerPrefix(owner: Owner): string {
  return `img/${owner.kind}/${OwnerId.parse(owner.id)}/`;
}

/** Content address of an image for one owner: the same bytes for another owner get another key. */
export function imageBaseKey(owner: Owner, bytes: Uint8Array): string {
  const digest = createHash("sha256")
    .update(`v${PIPELINE_VERSION}\0${owner.kind}\0${owner.id}\0`)
    .update(bytes)
    .digest("base64url")
    .slice(0, 32);
  return `${ownerPrefix(owner)}${digest}`;
}

export { variantKey } from "./urls";

/** True when `baseKey` is one of this owner's image keys (a stored key is never trusted blindly). */
export function isOwnersImage(owner: Owner, baseKey: string): boolean {
  return baseKey.startsWith(ownerPrefix(owner)) && /^[A-Za-z0-9_-]{32}$/.test(baseKey.slice(ownerPrefix(owner).length));
}
