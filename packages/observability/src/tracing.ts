// OpenTelemetry for a Node server process: one tracer provider, AsyncLocalStorage context, W3C
// traceparent plus our x-request-id. Spans are always made (trace ids on log lines, HTTP metrics
// from Next's request spans); they leave the process only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
import {
  type TracerProvider as ApiTracerProvider,
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  INVALID_SPAN_CONTEXT,
  propagation,
  type Span,
  type SpanOptions,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  createAlwaysRecordSampler,
  ParentBasedSampler,
  type Sampler,
  type SpanProcessor as SdkSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { type ObservabilityEnv, observabilityEnv } from "./env";
import { requestIdPropagator } from "./request-id";

export interface TracingOptions {
  /** service.name of every span: "web" or "pets" (prefixed "burrow-"). */
  service: "web" | "pets";
  /** More processors (tests pass an in-memory exporter's). */
  spanProcessors?: SdkSpanProcessor[];
}

/**
 * The sampler OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG name (OpenTelemetry's standard values;
 * parentbased_always_on by default: a caller's traceparent decides, as W3C asks).
 */
export function samplerFrom({
  OTEL_TRACES_SAMPLER: name,
  OTEL_TRACES_SAMPLER_ARG: ratio,
}: Pick<ObservabilityEnv, "OTEL_TRACES_SAMPLER" | "OTEL_TRACES_SAMPLER_ARG">): Sampler {
  const root = name.endsWith("always_off")
    ? new AlwaysOffSampler()
    : name.endsWith("traceidratio")
      ? new TraceIdRatioBasedSampler(ratio)
      : new AlwaysOnSampler();
  return name.startsWith("parentbased_") ? new ParentBasedSampler({ root }) : root;
}

/** Next's span around each request, the one Next span recorded unless TRACE_NEXT_INTERNALS is on. */
export const NEXT_REQUEST_SPAN = "BaseServer.handleRequest";

const isNextRequestSpan = (options: SpanOptions | undefined) =>
  options?.attributes?.["next.span_type"] === NEXT_REQUEST_SPAN;

/**
 * Next's tracer, recording only its request span. Each span Next opens inside a request (about ten
 * per page: render, component tree, module loading, metadata) is a span object, a sampler call and
 * a context switch; here its callback runs with a non-recording stand-in and the active context
 * untouched, so the queries a render makes are children of the request span.
 */
function nextRequestSpansOnly(recording: Tracer): Tracer {
  const standIn = (parent: Context): Span =>
    trace.wrapSpanContext(trace.getSpanContext(parent) ?? INVALID_SPAN_CONTEXT);
  return {
    startSpan: (name, options, parent) =>
      isNextRequestSpan(options) ? recording.startSpan(name, options, parent) : standIn(parent ?? context.active()),
    startActiveSpan: ((name: string, ...rest: unknown[]) => {
      const options = typeof rest[0] === "object" ? (rest[0] as SpanOptions) : undefined;
      if (isNextRequestSpan(options))
        return (recording.startActiveSpan as (...args: unknown[]) => unknown)(name, ...rest);
      const parent = rest.length === 3 ? (rest[1] as Context) : context.active();
      return (rest.at(-1) as (span: Span) => unknown)(standIn(parent));
    }) as Tracer["startActiveSpan"],
  };
}

/** `provider`, handing Next (scope "next.js") a tracer that records its request span only. */
function withNextRequestSpansOnly(provider: TracerProvider): ApiTracerProvider {
  const nextTracers = new Map<string, Tracer>();
  return {
    getTracer(name, version, options) {
      if (name !== "next.js") return provider.getTracer(name, version, options);
      // Next asks for its tracer on every span.
      const key = version ?? "";
      const known = nextTracers.get(key);
      if (known) return known;
      const next = nextRequestSpansOnly(provider.getTracer(name, version, options));
      nextTracers.set(key, next);
      return next;
    },
  };
}

const globalForTracing = globalThis as unknown as { burrowTracerProvider?: TracerProvider };

/** Registers the global tracer provider, context manager and propagator once per process. */
export function registerTracing({ service, spanProcessors = [] }: TracingOptions): TracerProvider {
  if (globalForTracing.burrowTracerProvider) return globalForTracing.burrowTracerProvider;
  const env = observabilityEnv();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const processors: SdkSpanProcessor[] = [...spanProcessors];
  if (endpoint) {
    const url = new URL("v1/traces", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).toString();
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": `burrow-${service}`, "service.namespace": "burrow" }),
    spanProcessors: processors,
    // Every span records (the request metrics read Next's spans); only sampled ones are exported.
    sampler: createAlwaysRecordSampler(samplerFrom(env)),
    // Query values, e-mails and tokens never become attributes (instrumentations are configured so);
    // the limit keeps a runaway attribute from bloating every export.
    spanLimits: { attributeValueLengthLimit: 2048 },
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), requestIdPropagator] }),
  );
  trace.setGlobalTracerProvider(env.TRACE_NEXT_INTERNALS ? provider : withNextRequestSpansOnly(provider));
  globalForTracing.burrowTracerProvider = provider;
  return provider;
}

/** The tracer Burrow's own spans (service calls, outbox) come from. */
export const tracer = () => trace.getTracer("burrow");

/** A span's W3C trace context as stored with deferred work (outbox rows) and sent with events. */
export interface TraceContext {
  traceparent: string | null;
  tracestate: string | null;
}

const w3c = new W3CTraceContextPropagator();

/** The trace context of `from`'s span (the active one by default); nulls when there is none. */
export function traceContextOf(from: Context = context.active()): TraceContext {
  const carrier: Record<string, string> = {};
  w3c.inject(from, carrier, defaultTextMapSetter);
  return { traceparent: carrier.traceparent ?? null, tracestate: carrier.tracestate ?? null };
}

/**
 * `onto` (the active context by default, so its request id stays) with the stored trace context as
 * the parent of the spans started in it; unchanged when none was stored or it is malformed.
 */
export function continueTraceContext(
  stored: Partial<TraceContext> | null | undefined,
  onto: Context = context.active(),
): Context {
  if (!stored?.traceparent) return onto;
  const carrier = { traceparent: stored.traceparent, ...(stored.tracestate ? { tracestate: stored.tracestate } : {}) };
  return w3c.extract(onto, carrier, defaultTextMapGetter);
}
