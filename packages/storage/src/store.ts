// Photos and avatars in S3-compatible object storage: presigned POSTs for the browser's direct upload,
// then the server reads the object back, processes it (process.ts), writes the variants and deletes the
// original. Everything an owner has lives under its prefixes, so archiving or deleting removes it whole.
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { failure, type Result } from "@burrow/http/result";
import { parseStorageEnv, publicBaseUrl, type StorageEnv } from "./env";
import {
  imageBaseKey,
  newUploadId,
  type Owner,
  ownerPrefix,
  type PhotoKind,
  uploadKey,
  VARIANT_WIDTHS,
  variantKey,
} from "./keys";
import { IMMUTABLE_CACHE_CONTROL, MAX_UPLOAD_BYTES, ORPHAN_AGE_MS, UPLOAD_EXPIRY_SECONDS } from "./limits";
import { processImage } from "./process";
import type { AcceptedType } from "./sniff";
import { variantSrcSet } from "./urls";

export function s3Client(env: StorageEnv): S3Client {
  return new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    // Path style works on AWS, R2, SeaweedFS and MinIO alike; virtual hosts need DNS per bucket.
    forcePathStyle: true,
    // The SDK's default CRC checksums are not understood by every S3-compatible server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export interface PresignedUpload {
  uploadId: string;
  /** POST a multipart form of `fields` then `file` here. */
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** A processed image as rows and documents keep it. */
export interface StoredImage {
  /** Content-addressed base key; variants are `${key}/${width}.webp`. */
  key: string;
  width: number;
  height: number;
  placeholder: string;
}

export type PhotoStorage = ReturnType<typeof photoStorage>;

export function photoStorage(env: StorageEnv = parseStorageEnv(), client: S3Client = s3Client(env)) {
  const Bucket = env.S3_BUCKET;
  const base = publicBaseUrl(env);

  async function deleteKeys(keys: string[]): Promise<number> {
    for (let i = 0; i < keys.length; i += 1000) {
      const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
    }
    return keys.length;
  }

  async function listObjects(Prefix: string): Promise<{ key: string; lastModified: Date }[]> {
    const objects: { key: string; lastModified: Date }[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
      for (const o of page.Contents ?? []) {
        // An object of unknown age never counts as old.
        if (o.Key) objects.push({ key: o.Key, lastModified: o.LastModified ?? new Date(8.64e15) });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return objects;
  }

  async function listKeys(Prefix: string, olderThan?: Date): Promise<string[]> {
    return (await listObjects(Prefix)).filter((o) => !olderThan || o.lastModified < olderThan).map((o) => o.key);
  }

  /** Processes an image and writes its variants, immutable under their content-addressed key. */
  async function storeImage(owner: Owner, bytes: Uint8Array): Promise<Result<{ image: StoredImage }>> {
    const processed = await processImage(bytes, owner.kind);
    if (!processed.ok) return processed;
    const key = imageBaseKey(owner, bytes);
    await Promise.all(
      processed.variants.map((v) =>
        client.send(
          new PutObjectCommand({
            Bucket,
            Key: variantKey(key, v.width),
            Body: v.bytes,
            ContentType: "image/webp",
            CacheControl: IMMUTABLE_CACHE_CONTROL,
          }),
        ),
      ),
    );
    const { width, height, placeholder } = processed;
    return { ok: true, image: { key, width, height, placeholder } };
  }

  return {
    client,
    bucket: Bucket,

    /** A presigned POST that can only write this owner's one upload key, of an accepted type, ≤ 10 MB, for 5 minutes. */
    async presignUpload(owner: Owner, contentType: AcceptedType, now = new Date()): Promise<PresignedUpload> {
      const uploadId = newUploadId();
      const { url, fields } = await createPresignedPost(client, {
        Bucket,
        Key: uploadKey(owner, uploadId),
        Conditions: [
          ["content-length-range", 1, MAX_UPLOAD_BYTES],
          ["eq", "$Content-Type", contentType],
        ],
        Fields: { "Content-Type": contentType },
        Expires: UPLOAD_EXPIRY_SECONDS,
      });
      const expiresAt = new Date(now.getTime() + UPLOAD_EXPIRY_SECONDS * 1000).toISOString();
      return { uploadId, url, fields, expiresAt };
    },

    /**
     * Processes this owner's upload: its bytes must be an accepted image within the limits. The
     * original is deleted whatever the outcome, so a refused upload leaves nothing behind.
     */
    async finishUpload(owner: Owner, uploadId: string): Promise<Result<{ image: StoredImage }>> {
      const Key = uploadKey(owner, uploadId);
      let bytes: Uint8Array;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key }));
        if ((object.ContentLength ?? 0) > MAX_UPLOAD_BYTES) {
          await client.send(new DeleteObjectCommand({ Bucket, Key }));
          return failure("TOO_LARGE", "Photos may be at most 10 MB.");
        }
        if (!object.Body) return failure("NOT_FOUND", "No such upload here: it failed, expired or was already used.");
        bytes = await object.Body.transformToByteArray();
      } catch (e) {
        if (e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404)) {
          return failure("NOT_FOUND", "No such upload here: it failed, expired or was already used.");
        }
        throw e;
      }
      try {
        return await storeImage(owner, bytes);
      } finally {
        await client.send(new DeleteObjectCommand({ Bucket, Key }));
      }
    },

    /** Processes bytes the server already has (the demo seed) into this owner's variants. */
    storeImage,

    /** Removes one image's variants. */
    async deleteImage(owner: Owner, key: string): Promise<void> {
      await deleteKeys(VARIANT_WIDTHS[owner.kind].map((w) => variantKey(key, w)));
    },

    /** Removes every processed image and pending upload of an owner (listing archived, account deleted). */
    async deleteOwner(owner: Owner): Promise<number> {
      const keys = [...(await listKeys(ownerPrefix(owner))), ...(await listKeys(`uploads/${owner.kind}/${owner.id}/`))];
      return deleteKeys(keys);
    },

    /** Removes uploads never processed within 24 h; returns how many. */
    async sweepOrphans(now = new Date()): Promise<number> {
      return deleteKeys(await listKeys("uploads/", new Date(now.getTime() - ORPHAN_AGE_MS)));
    },

    /**
     * Removes processed images of `kind` that no row references (a photo removed while storage was
     * down, an upload processed but never attached), once every object of the image is older than
     * 24 h; `isReferenced` answers which base keys are still in use. Returns how many images.
     */
    async sweepUnreferenced(
      kind: PhotoKind,
      isReferenced: (keys: string[]) => Promise<Set<string>>,
      now = new Date(),
    ): Promise<number> {
      const cutoff = new Date(now.getTime() - ORPHAN_AGE_MS);
      const images = new Map<string, { keys: string[]; old: boolean }>();
      for (const o of await listObjects(`img/${kind}/`)) {
        const base = o.key.slice(0, o.key.lastIndexOf("/"));
        const image = images.get(base) ?? { keys: [], old: true };
        image.keys.push(o.key);
        image.old &&= o.lastModified < cutoff;
        images.set(base, image);
      }
      const candidates = [...images].filter(([, image]) => image.old).map(([base]) => base);
      if (candidates.length === 0) return 0;
      const used = await isReferenced(candidates);
      const unused = candidates.filter((base) => !used.has(base));
      await deleteKeys(unused.flatMap((base) => images.get(base)?.keys ?? []));
      return unused.length;
    },

    /** Where a browser loads one variant. */
    url(key: string, width: number): string {
      return `${base}/${variantKey(key, width)}`;
    },

    /** The base URL browsers load variants from (`S3_PUBLIC_URL`, else the endpoint and bucket). */
    publicUrl: base,

    /** `srcset` over every variant of an image `imageWidth` wide (narrow photos were not enlarged). */
    srcSet(kind: Owner["kind"], image: Pick<StoredImage, "key" | "width">): string {
      return variantSrcSet(base, image.key, VARIANT_WIDTHS[kind], image.width);
    },
  };
}
