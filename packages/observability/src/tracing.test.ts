import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { requestIdOf, withRequestId } from "./request-id";
import { continueTraceContext, registerTracing, traceContextOf, tracer } from "./tracing";

const exporter = new InMemorySpanExporter();
registerTracing({ service: "pets", spanProcessors: [new SimpleSpanProcessor({ exporter })] });

describe("stored trace contexts", () => {
  it("are the active span's traceparent, and nothing outside a span", () => {
    const stored = tracer().startActiveSpan("write", (span) => {
      span.end();
      return { stored: traceContextOf(), ids: span.spanContext() };
    });
    expect(stored.stored).toEqual({
      traceparent: `00-${stored.ids.traceId}-${stored.ids.spanId}-01`,
      tracestate: null,
    });
    expect(context.with(ROOT_CONTEXT, () => traceContextOf())).toEqual({ traceparent: null, tracestate: null });
  });

  it("continue as the parent of later spans, keeping the active context's request id", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const onto = withRequestId(ROOT_CONTEXT, "req-7");
    const continued = continueTraceContext({ traceparent, tracestate: "vendor=1" }, onto);
    const child = tracer().startSpan("deliver", {}, continued);
    child.end();
    expect(child.spanContext().traceId).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(trace.getSpanContext(continued)?.traceState?.get("vendor")).toBe("1");
    expect(requestIdOf(continued)).toBe("req-7");
    expect(continueTraceContext({ traceparent: "garbage" }, onto)).toBe(onto);
    expect(continueTraceContext(null, onto)).toBe(onto);
  });
});
