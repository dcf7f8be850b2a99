// What Next's own request span tells us, read when it ends: one access-log line per request and (in
// metrics.ts) the HTTP duration histogram, both by route template (`/listings/[id]`), never the raw URL.
import type { Context } from "@opentelemetry/api";
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";
import { log } from "./log";
import { requestIdOf } from "./request-id";
import { NEXT_REQUEST_SPAN } from "./tracing";

const REQUEST_ID_ATTRIBUTE = "burrow.request_id";

export interface FinishedRequest {
  method: string;
  /** Next's route template, or "unmatched" (an error Next answered before matching a route). */
  route: string;
  status: number;
  durationMs: number;
  traceId: string;
  spanId: string;
  requestId?: string;
}

/** Calls `onRequest` for each request Next finished; keeps query strings out of every span. */
export function requestSpanProcessor(onRequest: (request: FinishedRequest) => void): SpanProcessor {
  return {
    onStart(span: Span, parent: Context) {
      if (span.attributes["next.span_type"] !== NEXT_REQUEST_SPAN) return;
      // Next records the raw URL; its query may carry a magic link's token and e-mail address.
      const target = span.attributes["http.target"];
      if (typeof target === "string" && target.includes("?")) span.setAttribute("http.target", target.split("?")[0]);
      const requestId = requestIdOf(parent);
      if (requestId) span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    },
    onEnd(span: ReadableSpan) {
      const { attributes } = span;
      if (attributes["next.span_type"] !== NEXT_REQUEST_SPAN) return;
      const status = Number(attributes["http.status_code"] ?? 0);
      const route = attributes["next.route"];
      // Without a route and below 400 it is the proxy's pass of a request that renders next (its span
      // is the render's parent) or a static asset: neither is a request of its own here.
      if (typeof route !== "string" && status < 400) return;
      onRequest({
        method: String(attributes["http.method"] ?? "GET"),
        route: typeof route === "string" ? route : "unmatched",
        status,
        durationMs: Math.round(hrTimeToMilliseconds(span.duration) * 10) / 10,
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        requestId: typeof attributes[REQUEST_ID_ATTRIBUTE] === "string" ? attributes[REQUEST_ID_ATTRIBUTE] : undefined,
      });
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

/** The access log: one line per request. */
export function logRequest({ method, route, status, ...fields }: FinishedRequest): void {
  log.info({ component: "http", method, route, status, ...fields }, `${method} ${route} ${status}`);
}
