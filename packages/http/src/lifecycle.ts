// The process's shutdown state, shared by the server entry (`burrow-next-start`, bin/next-start.mjs)
// and the app's bundled code through one globalThis slot: the entry flips `draining` on SIGTERM and
// then runs the hooks the app registered at start-up (instrumentation.ts).

/** Runs once per phase; its promise is awaited, bounded by SHUTDOWN_GRACE_SECONDS. */
export type ShutdownHook = () => Promise<void>;

export interface Lifecycle {
  /** True from the first SIGTERM/SIGINT: readiness answers 503 so load balancers stop sending. */
  draining: boolean;
  /** `stop`: background jobs take no new work and finish their current item (with the in-flight requests). */
  stop: ShutdownHook[];
  /** `close`: after every request and job has finished, connection pools close. */
  close: ShutdownHook[];
  /** Aborted when the `stop` phase begins: long-lived responses (event streams) end so clients reconnect elsewhere. */
  stopping: AbortController;
}

// The same key bin/next-start.mjs reads; Symbol.for is one registry per process, across bundles.
const KEY = Symbol.for("burrow.lifecycle");

export function lifecycle(): Lifecycle {
  const slot = globalThis as unknown as Record<typeof KEY, Lifecycle | undefined>;
  slot[KEY] ??= { draining: false, stop: [], close: [], stopping: new AbortController() };
  return slot[KEY];
}

/** Registers a hook for a shutdown phase (a `next dev` process never runs them: it has no such entry). */
export function onShutdown(phase: "stop" | "close", hook: ShutdownHook): void {
  lifecycle()[phase].push(hook);
}

/** Readiness' verdict on the process itself, in the shape of @burrow/db's `Check`. */
export async function shutdownCheck(): Promise<{ ok: boolean; error?: string }> {
  return lifecycle().draining ? { ok: false, error: "shutting down" } : { ok: true };
}

/** Aborted once this process stops serving (never in `next dev`). */
export function stoppingSignal(): AbortSignal {
  return lifecycle().stopping.signal;
}
