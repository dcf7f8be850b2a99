// Next 16 calls register() once when a server process starts (and in each runtime it bundles).
export async function register() {
  // NEXT_RUNTIME is not configuration but a constant Next inlines per bundle, so this check keeps the
  // job code (pg, Prisma) out of the edge bundle; that only works with the literal expression here.
  // biome-ignore lint/style/noProcessEnv: Next inlines NEXT_RUNTIME at build time, so it is read literally.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerObservability } = await import("@burrow/observability/server");
  registerObservability("pets");
  const { startJobs } = await import("./server/jobs/start");
  startJobs();
}
