// Liveness: the process answers. No dependency is checked, so a database outage never makes an
// orchestrator restart healthy processes; /api/health/ready covers dependencies.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(
    { status: "live", uptimeSeconds: Math.round(process.uptime()) },
    { headers: { "cache-control": "no-store" } },
  );
}
