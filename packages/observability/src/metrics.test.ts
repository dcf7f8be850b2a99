import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { metrics, metricsAccess, metricsResponse, observeRequest, serviceCallSpanProcessor } from "./metrics";

const env = (values: { METRICS_TOKEN?: string; NODE_ENV?: string }) => ({
  LOG_LEVEL: "info" as const,
  OTEL_SDK_DISABLED: false,
  OTEL_TRACES_SAMPLER: "parentbased_always_on" as const,
  OTEL_TRACES_SAMPLER_ARG: 1,
  TRACE_NEXT_INTERNALS: false,
  ...values,
});
const TOKEN = "a-metrics-token-of-some-length";

describe("metricsAccess", () => {
  it("needs the exact bearer token when METRICS_TOKEN is set", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, env({ METRICS_TOKEN: TOKEN, NODE_ENV: "production" }))).toBe("granted");
    expect(metricsAccess(null, env({ METRICS_TOKEN: TOKEN }))).toBe("refused");
    expect(metricsAccess(TOKEN, env({ METRICS_TOKEN: TOKEN }))).toBe("refused");
    expect(metricsAccess(`Bearer ${TOKEN}x`, env({ METRICS_TOKEN: TOKEN }))).toBe("refused");
  });

  it("is disabled in production without a token and open elsewhere", () => {
    expect(metricsAccess(null, env({ NODE_ENV: "production" }))).toBe("disabled");
    expect(metricsAccess(null, env({ NODE_ENV: "development" }))).toBe("open");
  });
});

describe("metrics", () => {
  it("counts requests by route template and normalises unknown methods", async () => {
    observeRequest({ method: "GET", route: "/listings/[id]", status: 200, durationMs: 12, traceId: "t", spanId: "s" });
    observeRequest({ method: "BREW", route: "/listings/[id]", status: 405, durationMs: 1, traceId: "t", spanId: "s" });
    const text = await metrics().registry.metrics();
    expect(text).toContain(
      'burrow_http_request_duration_seconds_count{route="/listings/[id]",method="GET",status="200"} 1',
    );
    expect(text).toContain(
      'burrow_http_request_duration_seconds_count{route="/listings/[id]",method="OTHER",status="405"} 1',
    );
  });

  it("turns database and Burrow's own client spans into service calls, errors included", async () => {
    const processor = serviceCallSpanProcessor();
    const span = (scope: string, attributes: Record<string, string>, failed = false) =>
      ({
        kind: SpanKind.CLIENT,
        attributes,
        instrumentationScope: { name: scope },
        duration: [0, 5_000_000],
        status: { code: failed ? 2 : 1 },
      }) as unknown as Parameters<typeof processor.onEnd>[0];
    processor.onEnd(span("@opentelemetry/instrumentation-pg", {}));
    processor.onEnd(span("@opentelemetry/instrumentation-pg", {}, true));
    processor.onEnd(span("burrow", { "burrow.dependency": "smtp" }));
    processor.onEnd(span("@prisma/instrumentation", { "db.system": "postgresql" }));
    const text = await metrics().registry.metrics();
    expect(text).toContain('burrow_service_calls_total{dependency="postgresql"} 2');
    expect(text).toContain('burrow_service_call_errors_total{dependency="postgresql"} 1');
    expect(text).toContain('burrow_service_calls_total{dependency="smtp"} 1');
    expect(text).toContain('burrow_service_call_duration_seconds_sum{dependency="smtp"} 0.005');
  });

  it("serves the text format to any scrape outside production when no token is set", async () => {
    const res = await metricsResponse(new Request("http://localhost/api/metrics"));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("burrow_bookings_requested_total");
  });
});
