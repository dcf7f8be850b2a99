// What each app's instrumentation.ts calls once in its Node.js runtime: tracing, the client
// instrumentations (PostgreSQL through pg and Prisma; MongoDB is traced by web's client, see mongo.ts),
// and the processors that turn spans into the access log and the HTTP and service-call metrics.
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { observabilityEnv } from "./env";
import { observeRequest, serviceCallSpanProcessor } from "./metrics";
import { logRequest, requestSpanProcessor } from "./requests";
import { registerTracing, type TracingOptions } from "./tracing";

/** `spanProcessors`: more processors after Burrow's own (tests pass an in-memory exporter's). */
export function registerObservability(
  service: "web" | "pets",
  { spanProcessors = [] }: Pick<TracingOptions, "spanProcessors"> = {},
): void {
  if (observabilityEnv().OTEL_SDK_DISABLED) return;
  const provider = registerTracing({
    service,
    spanProcessors: [
      requestSpanProcessor((request) => {
        observeRequest(request);
        logRequest(request);
      }),
      serviceCallSpanProcessor(),
      ...spanProcessors,
    ],
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Statements as written (with $1 placeholders), never their values.
      new PgInstrumentation({ enhancedDatabaseReporting: false, ignoreConnectSpans: true }),
      // The operation and transaction spans only: each statement is already pg's span (and counted as
      // a PostgreSQL call from it), and the client's serialise/compile steps are microseconds each.
      new PrismaInstrumentation({
        ignoreSpanTypes: ["prisma:client:db_query", "prisma:client:serialize", "prisma:client:compile"],
      }),
    ],
  });
}
