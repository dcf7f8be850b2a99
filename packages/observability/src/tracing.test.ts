import { context, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { observabilityEnv } from "./env";
import { requestIdOf, withRequestId } from "./request-id";
import { continueTraceContext, registerTracing, samplerFrom, traceContextOf, tracer } from "./tracing";

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

describe("the sampler", () => {
  const traceId = "0af7651916cd43dd8448eb211c80319c";
  const decision = (env: Record<string, string>, parent = ROOT_CONTEXT) =>
    samplerFrom(observabilityEnv(env)).shouldSample(parent, traceId, "span", SpanKind.SERVER, {}, []).decision;
  const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId: "b7ad6b7169203331",
    traceFlags: TraceFlags.SAMPLED,
  });

  it("samples every root and follows a caller's traceparent by default", () => {
    expect(decision({})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: "b7ad6b7169203331",
      traceFlags: TraceFlags.NONE,
    });
    expect(decision({}, unsampledParent)).toBe(SamplingDecision.NOT_RECORD);
  });

  it("takes OpenTelemetry's standard variables, and refuses bad ones with a message", () => {
    const ratio = (arg: string) => ({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: arg });
    expect(decision(ratio("0"))).toBe(SamplingDecision.NOT_RECORD);
    expect(decision(ratio("1"))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision(ratio("0"), sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision({ OTEL_TRACES_SAMPLER: "always_off" }, sampledParent)).toBe(SamplingDecision.NOT_RECORD);
    expect(() => observabilityEnv({ OTEL_TRACES_SAMPLER: "sometimes" })).toThrow(/OTEL_TRACES_SAMPLER must be one of/);
    expect(() => observabilityEnv(ratio("2"))).toThrow(/OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/);
  });
});

describe("Next's tracer", () => {
  const next = () => trace.getTracer("next.js", "16.4.6");
  const nextSpan = <T>(type: string, fn: () => T) =>
    next().startActiveSpan(type, { attributes: { "next.span_type": type } }, (span) => {
      try {
        return fn();
      } finally {
        span.end();
      }
    });

  it("records the request span only; what runs inside Next's other spans is the request span's child", () => {
    exporter.reset();
    const ids = nextSpan("BaseServer.handleRequest", () => {
      const request = trace.getActiveSpan()?.spanContext().spanId;
      return nextSpan("AppRender.getBodyResult", () => {
        const query = tracer().startSpan("SELECT");
        query.end();
        return { request, active: trace.getActiveSpan()?.spanContext().spanId };
      });
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(["SELECT", "BaseServer.handleRequest"]);
    expect(ids.active).toBe(ids.request);
    expect(spans[0]?.parentSpanContext?.spanId).toBe(ids.request);
    expect(spans[1]?.spanContext().spanId).toBe(ids.request);
  });

  it("hands an inner span a stand-in whose end leaves the request span open", () => {
    exporter.reset();
    next().startActiveSpan("request", { attributes: { "next.span_type": "BaseServer.handleRequest" } }, (request) => {
      const inner = next().startSpan("inner", { attributes: { "next.span_type": "Node.runHandler" } });
      expect(inner.isRecording()).toBe(false);
      expect(inner.spanContext().spanId).toBe(request.spanContext().spanId);
      inner.end();
      expect(request.isRecording()).toBe(true);
      request.end();
    });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["request"]);
    expect(next()).toBe(next());
  });
});
