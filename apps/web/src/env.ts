import { appUrls } from "@burrow/auth/env";
import { z } from "zod";

// Web's own variables, plus the app URLs by @burrow/auth's rule; @burrow/db, @burrow/auth and
// @burrow/service-auth validate theirs (DATABASE_URL, AUTH_SECRET, …) where they are used.
const WebEnv = z.object({
  ...appUrls,
  MONGODB_URI: z
    .string({ error: "MONGODB_URI is not set (mongodb://host:port/database)" })
    .regex(/^mongodb(\+srv)?:\/\//, "MONGODB_URI must be a mongodb:// URL"),
  /** Seconds between runs of the job that finishes interrupted account deletions. */
  DELETION_RESUME_INTERVAL_SECONDS: z.coerce
    .number<string | undefined>({ error: "DELETION_RESUME_INTERVAL_SECONDS must be a whole number of seconds" })
    .int({ error: "DELETION_RESUME_INTERVAL_SECONDS must be a whole number of seconds" })
    .min(1, { error: "DELETION_RESUME_INTERVAL_SECONDS must be between 1 and 86400" })
    .max(86_400, { error: "DELETION_RESUME_INTERVAL_SECONDS must be between 1 and 86400" })
    .default(300),
  /** Signs the unsubscribe links in e-mails (HS256); rotating it voids the links already sent. */
  UNSUBSCRIBE_SECRET: z
    .string({ error: "UNSUBSCRIBE_SECRET is not set (generate one: openssl rand -base64 32)" })
    .min(32, "UNSUBSCRIBE_SECRET must be at least 32 characters (generate one: openssl rand -base64 32)"),
  /** Set by Next itself; `phase-production-build` while `next build` prerenders pages. */
  NEXT_PHASE: z.string().optional(),
});
type WebEnv = z.infer<typeof WebEnv>;

/**
 * Reads one variable, validated. Variables are checked when first needed rather than at import,
 * so `next build` and one-service processes (the Mongo tests, the seed) run without the others.
 */
export function env<K extends keyof WebEnv>(name: K): WebEnv[K] {
  const parsed = WebEnv.shape[name].safeParse(process.env[name]);
  if (!parsed.success) {
    throw new Error(`@burrow/web: invalid environment: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data as WebEnv[K];
}

/**
 * The newest migration this build was made with (next.config inlines it at build time; tests set it).
 * Read literally, not through env(): Next replaces only `process.env.NAME` written out.
 */
export function migrationLevel(): string | null {
  const level = process.env.BURROW_MIGRATION_LEVEL;
  return level && /^\d{14}_[a-z0-9_]+$/.test(level) ? level : null;
}
