// The services' URLs when given: dev and the test command start embedded servers for the missing ones.
import { DatabaseUrl } from "@burrow/db/env";
import { parseStorageEnv } from "@burrow/storage/env";
import { z } from "zod";

const empty = (v: unknown) => (v === "" ? undefined : v);

const GivenServices = z.object({
  DATABASE_URL: z.preprocess(empty, DatabaseUrl.optional()),
  MONGODB_URI: z.preprocess(
    empty,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "MONGODB_URI must be a mongodb:// URL")
      .optional(),
  ),
});

/** Throws a message naming each malformed variable; unset ones are undefined. */
export function givenServices(source: Record<string, string | undefined> = process.env) {
  const parsed = GivenServices.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/** The given object storage (every S3_* variable validated) when S3_ENDPOINT is set; undefined otherwise. */
export function givenObjectStorage(source: Record<string, string | undefined> = process.env) {
  if (!source.S3_ENDPOINT) return undefined;
  const { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = parseStorageEnv(source);
  return { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY };
}
