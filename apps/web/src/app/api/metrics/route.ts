// Prometheus scrapes this app here: Authorization: Bearer $METRICS_TOKEN (README, "Observability").
import { registerDbMetrics } from "@burrow/db";
import { metricsResponse } from "@burrow/observability/metrics";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  registerDbMetrics();
  return metricsResponse(request);
}
