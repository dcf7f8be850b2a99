// Prometheus metrics of one app process (prom-client). Every label is bounded: routes are Next's
// templates, dependencies a fixed list, statuses and methods normalised.
import { timingSafeEqual } from "node:crypto";
import { SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, SpanProcessor } from "@opentelemetry/sdk-trace";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { observabilityEnv } from "./env";
import type { FinishedRequest } from "./requests";

/** The other services an app calls; each call is timed and counted under one of these names. */
export const DEPENDENCIES = ["postgresql", "mongodb", "smtp", "pets-api", "web-api"] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Span attribute naming the dependency on Burrow's own client spans (SMTP, the internal APIs). */
export const DEPENDENCY_ATTRIBUTE = "burrow.dependency";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const http = new Histogram({
    name: "burrow_http_request_duration_seconds",
    help: "Requests Next handled, by route template, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const calls = new Counter({
    name: "burrow_service_calls_total",
    help: "Calls to another service (postgresql, mongodb, smtp, pets-api, web-api)",
    labelNames: ["dependency"] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: "burrow_service_call_errors_total",
    help: "Calls to another service that failed",
    labelNames: ["dependency"] as const,
    registers: [registry],
  });
  const callDuration = new Histogram({
    name: "burrow_service_call_duration_seconds",
    help: "Latency of calls to another service",
    labelNames: ["dependency"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    http,
    calls,
    errors,
    callDuration,
    bookingsRequested: counter("burrow_bookings_requested_total", "Booking requests created"),
    bookingsAccepted: counter("burrow_bookings_accepted_total", "Booking requests accepted"),
    bookingConflicts: counter(
      "burrow_booking_conflicts_total",
      "Requests or acceptances refused because the dates were taken",
    ),
    magicLinksSent: counter("burrow_magic_links_sent_total", "Sign-in links e-mailed"),
    outboxDeliveries: counter("burrow_outbox_deliveries_total", "Outbox events sent, by outcome", ["outcome"]),
  };
}

const globalForMetrics = globalThis as unknown as { burrowMetrics?: ReturnType<typeof createMetrics> };

/** The process's metrics (one registry, on globalThis so development reloads keep it). */
export function metrics(): ReturnType<typeof createMetrics> {
  globalForMetrics.burrowMetrics ??= createMetrics();
  return globalForMetrics.burrowMetrics;
}

/** Records one finished request in the HTTP histogram. */
export function observeRequest({ route, method, status, durationMs }: FinishedRequest): void {
  metrics()
    .http.labels({ route, method: METHODS.has(method) ? method : "OTHER", status: String(status) })
    .observe(durationMs / 1000);
}

/** Records one call to a dependency. */
export function observeCall(dependency: Dependency, seconds: number, failed: boolean): void {
  const m = metrics();
  m.calls.labels({ dependency }).inc();
  if (failed) m.errors.labels({ dependency }).inc();
  m.callDuration.labels({ dependency }).observe(seconds);
}

const isDependency = (value: unknown): value is Dependency => DEPENDENCIES.includes(value as Dependency);

/** Spans of the database instrumentations, by their scope, and the dependency each is a call to. */
const DATABASE_SCOPES: Record<string, Dependency> = {
  "@opentelemetry/instrumentation-pg": "postgresql",
};

/**
 * Turns client spans into service-call metrics: each statement of the pg instrumentation, and Burrow's
 * own MongoDB-command, SMTP and internal-API spans (`burrow.dependency`).
 * Prisma's spans are not counted: the statements they run reach PostgreSQL through pg.
 */
export function serviceCallSpanProcessor(): SpanProcessor {
  return {
    onStart() {},
    onEnd(span: ReadableSpan) {
      const { attributes } = span;
      const own = attributes[DEPENDENCY_ATTRIBUTE];
      const dependency = isDependency(own) ? own : DATABASE_SCOPES[span.instrumentationScope.name];
      if (!dependency) return;
      const [seconds, nanos] = span.duration;
      observeCall(dependency, seconds + nanos / 1e9, span.status.code === SpanStatusCode.ERROR);
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

/** A gauge read when Prometheus scrapes (pool use, outbox backlog). */
export function scrapedGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: (set: (labels: Partial<Record<L, string>>, value: number) => void) => Promise<void> | void,
): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      await read((labels, value) => this.set(labels, value));
    },
  });
}

export type MetricsAccess = "open" | "granted" | "refused" | "disabled";

/**
 * Who may read /api/metrics: with METRICS_TOKEN set, only `Authorization: Bearer <token>`; without
 * it, anyone outside production (development, tests) and no one in production.
 */
export function metricsAccess(authorization: string | null, env = observabilityEnv()): MetricsAccess {
  if (!env.METRICS_TOKEN) return env.NODE_ENV === "production" ? "disabled" : "open";
  const expected = Buffer.from(`Bearer ${env.METRICS_TOKEN}`);
  const given = Buffer.from(authorization ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "granted" : "refused";
}

/** The GET /api/metrics answer of both apps: 404 when disabled, 401 without the token, else the text format. */
export async function metricsResponse(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled")
    return Response.json({ error: "Metrics are disabled: set METRICS_TOKEN" }, { status: 404 });
  if (access === "refused") {
    return Response.json(
      { error: "A valid bearer token is required" },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
