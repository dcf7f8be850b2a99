// Next 16 calls register() once when a server process starts (and in each runtime it bundles).
export async function register() {
  // NEXT_RUNTIME is a constant Next inlines per bundle: this literal check keeps Mongoose and
  // Prisma out of the edge bundle.
  // biome-ignore lint/style/noProcessEnv: Next inlines NEXT_RUNTIME at build time, so it is read literally.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerObservability } = await import("@burrow/observability/server");
  registerObservability("web");
  const { checkReplicas, startJobs } = await import("./server/jobs/start");
  await checkReplicas();
  startJobs();
}
