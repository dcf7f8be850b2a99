import { metrics } from "@burrow/observability/metrics";

/** Counts a request or an acceptance that went through, and a refusal because the dates were taken. */
export function countBooking(kind: "requested" | "accepted", result: { ok: true } | { ok: false; code: string }): void {
  const m = metrics();
  if (result.ok) (kind === "requested" ? m.bookingsRequested : m.bookingsAccepted).inc();
  else if (result.code === "CONFLICT") m.bookingConflicts.inc();
}
