// A call to another service (SMTP, the other app's internal API) as a CLIENT span: timed and counted
// by metrics.ts under its dependency, with W3C traceparent (and x-request-id) for HTTP calls.
import { context, propagation, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { DEPENDENCY_ATTRIBUTE, type Dependency } from "./metrics";
import { tracer } from "./tracing";

/**
 * Runs `call` inside a span named `name` (a fixed operation name, never a URL with ids or an
 * address); `headers` receives the trace context to send along. A throw marks the span failed.
 */
export function serviceCall<T>(
  dependency: Dependency,
  name: string,
  call: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: SpanKind.CLIENT, attributes: { [DEPENDENCY_ATTRIBUTE]: dependency } },
    async (span) => {
      const headers: Record<string, string> = {};
      propagation.inject(context.active(), headers);
      try {
        return await call(headers);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
