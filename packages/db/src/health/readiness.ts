// Readiness for /api/health/ready in both apps: each dependency is checked with a time limit and
// reported as status + latency + safe details. Nothing here may echo a URL, host or secret: error
// messages are reduced to a category (a timeout, or PostgreSQL's SQLSTATE).

export interface CheckResult {
  status: "ok" | "fail";
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

/** A check's own verdict and details; thrown errors and timeouts become `fail`. */
export interface CheckOutcome {
  ok: boolean;
  error?: string;
  details?: Record<string, unknown>;
}

export type Check = () => Promise<CheckOutcome>;

export interface Readiness {
  httpStatus: 200 | 503;
  body: { status: "ready" | "not ready"; checks: Record<string, CheckResult> };
}

/** Long enough for a busy database, short enough for a load balancer's probe (usually 5 s). */
export const CHECK_TIMEOUT_MS = 2_000;

/** What a failed check may say about its error: never the message, which can name hosts. */
export function safeError(error: unknown): string {
  if (error instanceof CheckTimeout) return error.message;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  // PostgreSQL's SQLSTATE (42501 permission denied, 57P03 cannot connect now, …), which Prisma wraps
  // in its own code (P2010), else Prisma's or Node's code (ECONNREFUSED).
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.code;
  if (typeof code === "string" && /^[A-Z0-9_]{2,32}$/.test(code)) return `failed (${code})`;
  return "failed";
}

class CheckTimeout extends Error {}

async function timed(check: Check, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const outcome = await Promise.race([check(), deadline]);
    const latencyMs = Math.round(performance.now() - started);
    return {
      status: outcome.ok ? "ok" : "fail",
      latencyMs,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...outcome.details,
    };
  } catch (error) {
    return { status: "fail", latencyMs: Math.round(performance.now() - started), error: safeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once; ready (200) only when all pass, else 503 with each one's result. */
export async function readiness(
  checks: Record<string, Check>,
  timeoutMs: number = CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await timed(check, timeoutMs)] as const),
  );
  const ready = results.every(([, result]) => result.status === "ok");
  return {
    httpStatus: ready ? 200 : 503,
    body: { status: ready ? "ready" : "not ready", checks: Object.fromEntries(results) },
  };
}

/** The response both apps send: JSON, never cached by a proxy or CDN. */
export function readinessResponse({ httpStatus, body }: Readiness): Response {
  return Response.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
