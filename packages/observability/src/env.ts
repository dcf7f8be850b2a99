import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** OpenTelemetry's standard OTEL_TRACES_SAMPLER values this SDK setup supports. */
const SAMPLERS = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

const ObservabilityEnv = z.object({
  /** pino's level: fatal, error, warn, info (default), debug, trace or silent. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  /** Bearer token for GET /api/metrics; unset: open outside production, refused (404) in production. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** OTLP/HTTP collector base URL (traces go to …/v1/traces); unset: spans are made but not exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "OTEL_EXPORTER_OTLP_ENDPOINT must be a URL" }).optional(),
  /** Which traces are exported; unsampled spans are still recorded (logs and metrics read them). */
  OTEL_TRACES_SAMPLER: z
    .enum(SAMPLERS, { error: `OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(", ")}` })
    .default("parentbased_always_on"),
  /** The ratio of the *traceidratio samplers, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ error: "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1" })
    .min(0, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1")
    .max(1, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1")
    .default(1),
  /**
   * Record all of Next's spans (render, component loading, metadata) rather than only its request
   * span: for finding where a slow page spends its time, at 6–8 % more CPU per request.
   */
  TRACE_NEXT_INTERNALS: z
    .stringbool({ error: "TRACE_NEXT_INTERNALS: use 1/true/yes/on or 0/false/no/off" })
    .default(false),
  /**
   * OpenTelemetry's own off switch: no spans, so no trace ids in logs and no HTTP or service-call
   * metrics (the benchmark's baseline). The same rule as @burrow/db's flag(), which this package
   * cannot import (@burrow/db depends on it).
   */
  OTEL_SDK_DISABLED: z.stringbool({ error: "OTEL_SDK_DISABLED: use 1/true/yes/on or 0/false/no/off" }).default(false),
  NODE_ENV: z.string().optional(),
});
export type ObservabilityEnv = z.infer<typeof ObservabilityEnv>;

let parsed: ObservabilityEnv | undefined;

/** Parses the variables once; throws a message naming each bad variable. */
export function observabilityEnv(source: Record<string, string | undefined> = process.env): ObservabilityEnv {
  if (source === process.env && parsed) return parsed;
  const result = ObservabilityEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`@burrow/observability: invalid environment\n${lines.join("\n")}`);
  }
  if (source === process.env) parsed = result.data;
  return result.data;
}
