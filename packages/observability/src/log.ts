// The one logger of both apps and their jobs: JSON lines on stdout (pino), each with the request id
// and the trace and span ids of the active context, every argument redacted first (redact.ts).
import { context, isSpanContextValid, trace } from "@opentelemetry/api";
import pino, { type DestinationStream, type Logger } from "pino";
import { observabilityEnv } from "./env";
import { redact } from "./redact";
import { requestIdOf } from "./request-id";

export type { Logger } from "pino";

/** A logger on `destination` (stdout by default); tests pass their own stream. */
export function createLogger(destination?: DestinationStream, level = observabilityEnv().LOG_LEVEL): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const active = context.active();
        const span = trace.getSpanContext(active);
        const requestId = requestIdOf(active);
        return {
          ...(requestId ? { requestId } : {}),
          ...(span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {}),
        };
      },
      hooks: {
        // Every argument (message, format values, merged objects, errors) is redacted before pino sees it.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => redact(arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const globalForLog = globalThis as unknown as { burrowLogger?: Logger };

/** The process's logger (one per process, kept across development reloads); a bad LOG_LEVEL fails at start. */
globalForLog.burrowLogger ??= createLogger();
export const log: Logger = globalForLog.burrowLogger;
