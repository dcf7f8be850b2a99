import { z } from "zod";

const StorageEnv = z.object({
  /** The S3 API's base URL: SeaweedFS/MinIO `http://host:port`, R2 `https://<account>.r2.cloudflarestorage.com`, AWS `https://s3.<region>.amazonaws.com`. */
  S3_ENDPOINT: z
    .url({ error: "S3_ENDPOINT is not set (the S3 API's URL, e.g. https://s3.us-east-1.amazonaws.com)" })
    .regex(/^https?:\/\//, "S3_ENDPOINT must be an http(s):// URL"),
  S3_BUCKET: z
    .string({ error: "S3_BUCKET is not set" })
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a valid bucket name (3–63 of a-z 0-9 . -)"),
  S3_REGION: z.string({ error: "S3_REGION is not set (e.g. us-east-1; auto for R2)" }).min(1, "S3_REGION is empty"),
  S3_ACCESS_KEY_ID: z.string({ error: "S3_ACCESS_KEY_ID is not set" }).min(1, "S3_ACCESS_KEY_ID is empty"),
  S3_SECRET_ACCESS_KEY: z.string({ error: "S3_SECRET_ACCESS_KEY is not set" }).min(1, "S3_SECRET_ACCESS_KEY is empty"),
  /**
   * Where browsers read the processed images: the bucket's public URL or a CDN in front of it.
   * Unset: `${S3_ENDPOINT}/${S3_BUCKET}` (path style), which suits SeaweedFS and MinIO.
   */
  S3_PUBLIC_URL: z.url({ error: "S3_PUBLIC_URL must be an http(s):// URL" }).optional(),
});
export type StorageEnv = z.infer<typeof StorageEnv>;

/** Parses the storage env; throws a message naming each bad variable. */
export function parseStorageEnv(source: Record<string, string | undefined> = process.env): StorageEnv {
  const parsed = StorageEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`@burrow/storage: invalid environment\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The base URL browsers load variants from, without a trailing slash. */
export function publicBaseUrl(env: StorageEnv): string {
  return (env.S3_PUBLIC_URL ?? `${env.S3_ENDPOINT.replace(/\/+$/, "")}/${env.S3_BUCKET}`).replace(/\/+$/, "");
}
