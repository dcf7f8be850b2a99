// What each app's instrumentation.ts calls once in its Node.js runtime: tracing, the client
// instrumentations (PostgreSQL through pg and Prisma, MongoDB through Mongoose), and the processors
// that turn spans into the access log and the HTTP and service-call metrics.
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { MongooseInstrumentation } from "@opentelemetry/instrumentation-mongoose";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { observabilityEnv } from "./env";
import { observeRequest, serviceCallSpanProcessor } from "./metrics";
import { logRequest, requestSpanProcessor } from "./requests";
import { registerTracing } from "./tracing";

export function registerObservability(service: "web" | "pets"): void {
  if (observabilityEnv().OTEL_SDK_DISABLED) return;
  const provider = registerTracing({
    service,
    spanProcessors: [
      requestSpanProcessor((request) => {
        observeRequest(request);
        logRequest(request);
      }),
      serviceCallSpanProcessor(),
    ],
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Statements as written (with $1 placeholders), never their values.
      new PgInstrumentation({ enhancedDatabaseReporting: false, ignoreConnectSpans: true }),
      // The operation and collection only: the default would record each query's filter values.
      new MongooseInstrumentation({ dbStatementSerializer: (operation) => operation }),
      new PrismaInstrumentation(),
    ],
  });
}
