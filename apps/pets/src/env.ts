import { appUrls } from "@burrow/auth/env";
import { z } from "zod";

// Pets' own variables, plus the app URLs by @burrow/auth's rule; @burrow/db, @burrow/auth and
// @burrow/service-auth validate theirs (DATABASE_URL, AUTH_SECRET, …) where they are used.
const PetsEnv = z.object({
  ...appUrls,
  /** Seconds between sweeps (expire requests, complete ended stays, publish closed review windows). */
  SWEEP_INTERVAL_SECONDS: z.coerce
    .number<string | undefined>({ error: "SWEEP_INTERVAL_SECONDS must be a whole number of seconds" })
    .int({ error: "SWEEP_INTERVAL_SECONDS must be a whole number of seconds" })
    .min(1, { error: "SWEEP_INTERVAL_SECONDS must be between 1 and 3600" })
    .max(3600, { error: "SWEEP_INTERVAL_SECONDS must be between 1 and 3600" })
    .default(60),
  /** Milliseconds the outbox dispatcher waits when the queue is empty (a backlog is sent without pause). */
  OUTBOX_IDLE_MS: z.coerce
    .number<string | undefined>({ error: "OUTBOX_IDLE_MS must be a whole number of milliseconds" })
    .int({ error: "OUTBOX_IDLE_MS must be a whole number of milliseconds" })
    .min(50, { error: "OUTBOX_IDLE_MS must be between 50 and 60000" })
    .max(60_000, { error: "OUTBOX_IDLE_MS must be between 50 and 60000" })
    .default(1_000),
  /** Set by Next itself; `phase-production-build` while `next build` prerenders pages. */
  NEXT_PHASE: z.string().optional(),
});
type PetsEnv = z.infer<typeof PetsEnv>;

/**
 * Reads one variable, validated. Variables are checked when first needed rather than at import,
 * so `next build` runs without the run-time configuration.
 */
export function env<K extends keyof PetsEnv>(name: K): PetsEnv[K] {
  const parsed = PetsEnv.shape[name].safeParse(process.env[name]);
  if (!parsed.success) {
    throw new Error(`@burrow/pets: invalid environment: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data as PetsEnv[K];
}

/**
 * The newest migration this build was made with (next.config inlines it at build time; tests set it).
 * Read literally, not through env(): Next replaces only `process.env.NAME` written out.
 */
export function migrationLevel(): string | null {
  const level = process.env.BURROW_MIGRATION_LEVEL;
  return level && /^\d{14}_[a-z0-9_]+$/.test(level) ? level : null;
}
