// One app as production runs it at scale: N instances of its build (`burrow-next-start`) behind
// HAProxy on PORT, round-robin, probing readiness (@burrow/testing/instances). The instances write to
// this process's stdout/stderr. Runs until a signal, which drains and stops every instance, then the
// proxy; an instance that exits on its own stops the rest (exit 1). The e2e run's web servers.
//
//   node --import tsx scripts/app-instances.ts web|pets [--instances N]      (PORT: the proxy's)
import { parseArgs } from "node:util";
import { startInstances } from "@burrow/testing/instances";
import { onStopServices, stopServices } from "@burrow/testing/services";
import { z } from "zod";

const Args = z.object({
  app: z.enum(["web", "pets"], { error: "the app must be web or pets" }),
  instances: z.coerce.number({ error: "--instances must be a number" }).int().min(1).max(8),
  port: z.coerce.number({ error: "PORT must be a port number" }).int().min(1).max(65_535),
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { instances: { type: "string", default: "2" } },
    allowPositionals: true,
  });
  const parsed = Args.safeParse({ app: positionals[0], instances: values.instances, port: process.env.PORT });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`[app-instances] ${issue.message}`);
    process.exit(2);
  }
  const { app, instances: count, port } = parsed.data;
  const { PORT: _proxyPort, ...env } = process.env;
  const cluster = await startInstances({ app, count, env, port });
  let stopping = false;
  onStopServices(() => {
    stopping = true;
    return cluster.stop();
  });
  console.log(
    `[app-instances] ${app}: ${count} instances (ports ${cluster.instances.map((i) => i.port).join(", ")}) behind HAProxy on ${cluster.url}`,
  );
  const first = await Promise.race(cluster.instances.map((i) => i.exited.then((code) => ({ i, code }))));
  if (stopping) return; // a signal: its handler exits once everything has stopped
  console.error(`[app-instances] ${app} instance on port ${first.i.port} exited (${first.code}): stopping the rest`);
  await stopServices();
  process.exit(1);
}

main().catch(async (error) => {
  console.error(`[app-instances] ${error instanceof Error ? error.message : error}`);
  await stopServices();
  process.exit(1);
});
