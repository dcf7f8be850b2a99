// Photos in the real object storage for integration tests: the browser's presigned POST, a photo
// processed and attached to a listing as the upload route does it, and what the bucket holds.
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { type Db, listingPhotoRepository, type PhotoView } from "@burrow/db";
import type { AcceptedType, Owner, PhotoStorage, PresignedUpload } from "@burrow/storage";
import { jpegWithGps } from "@burrow/storage/fixtures";

/** The form a browser POSTs to storage; `fields` overrides policy fields (e.g. another `key`). */
export async function postToStorage(
  upload: PresignedUpload,
  bytes: Uint8Array,
  contentType: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...fields })) form.append(name, value);
  form.append("file", new Blob([Buffer.from(bytes)], { type: contentType }), "photo");
  const res = await fetch(upload.url, { method: "POST", body: form });
  return { status: res.status, body: await res.text() };
}

/** Presigns and posts `bytes` for `owner`; returns the upload id (throws unless storage took it). */
export async function uploadToStorage(
  storage: PhotoStorage,
  owner: Owner,
  bytes: Uint8Array,
  contentType: AcceptedType = "image/jpeg",
): Promise<string> {
  const upload = await storage.presignUpload(owner, contentType);
  const res = await postToStorage(upload, bytes, contentType);
  if (res.status !== 204) throw new Error(`storage refused the upload: ${res.status} ${res.body}`);
  return upload.uploadId;
}

let made = 0;

/** A processed photo on the sitter's listing, as the upload route leaves it (each one different bytes). */
export async function attachedPhoto(
  storage: PhotoStorage,
  db: Db,
  sitterId: string,
  listingId: string,
  alt = "The garden",
): Promise<PhotoView> {
  const owner = { kind: "listing", id: listingId } as const;
  const done = await storage.finishUpload(
    owner,
    await uploadToStorage(storage, owner, await jpegWithGps(800 + ++made, 600)),
  );
  if (!done.ok) throw new Error(done.message);
  const added = await listingPhotoRepository(db).add(sitterId, { listingId, alt, ...done.image });
  if (!added.ok) throw new Error(added.message);
  return added.photo;
}

/** Every key in the bucket under `prefix`. */
export async function bucketKeys(storage: PhotoStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix, ContinuationToken }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys;
}
