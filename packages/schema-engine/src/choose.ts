// Which schema engine the Prisma CLI gets. Where Prisma has its native engine, or can download it,
// the stock CLI runs untouched; only where it cannot (offline, no mirror) does it get the
// WebAssembly build of the same engine through this package's launcher.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { EngineEnv } from "./env";
import { engineCommit } from "./version";

const require = createRequire(import.meta.url);

type EngineChoice =
  | { engine: "custom"; binary: string }
  | { engine: "native"; reason: string }
  | { engine: "wasm"; reason: string };

/** A native schema engine Prisma already has: in @prisma/engines, or in its download cache. */
function nativeEnginePresent(enginesCommit: string, env: Pick<EngineEnv, "XDG_CACHE_HOME" | "HOME">): boolean {
  const fromCli = createRequire(require.resolve("prisma/package.json"));
  const enginesDir = path.dirname(fromCli.resolve("@prisma/engines/package.json"));
  if (readdirSync(enginesDir).some((f) => f.startsWith("schema-engine-"))) return true;
  const cacheRoot = env.XDG_CACHE_HOME ?? (env.HOME ? path.join(env.HOME, ".cache") : null);
  if (!cacheRoot) return false;
  const commitDir = path.join(cacheRoot, "prisma", "master", enginesCommit);
  return (
    existsSync(commitDir) && readdirSync(commitDir).some((t) => existsSync(path.join(commitDir, t, "schema-engine")))
  );
}

/** Whether Prisma's engine download host (or the configured mirror) answers within the timeout. */
async function downloadHostReachable(enginesCommit: string, mirror?: string, timeoutMs = 3000): Promise<boolean> {
  const base = mirror ?? "https://binaries.prisma.sh";
  try {
    const res = await fetch(`${base}/all_commits/${enginesCommit}/debian-openssl-3.0.x/schema-engine.gz.sha256`, {
      method: "HEAD",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function chooseEngine(
  env: EngineEnv,
  enginesVersion: string,
  probe: { present: () => boolean; reachable: () => Promise<boolean> } = {
    present: () => nativeEnginePresent(engineCommit(enginesVersion), env),
    reachable: () => downloadHostReachable(engineCommit(enginesVersion), env.PRISMA_ENGINES_MIRROR),
  },
): Promise<EngineChoice> {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return { engine: "custom", binary: env.PRISMA_SCHEMA_ENGINE_BINARY };
  if (env.BURROW_SCHEMA_ENGINE === "wasm") return { engine: "wasm", reason: "BURROW_SCHEMA_ENGINE=wasm" };
  if (env.BURROW_SCHEMA_ENGINE === "native") return { engine: "native", reason: "BURROW_SCHEMA_ENGINE=native" };
  if (probe.present()) return { engine: "native", reason: "Prisma's native engine is installed" };
  if (await probe.reachable()) return { engine: "native", reason: "Prisma's engine download host is reachable" };
  return { engine: "wasm", reason: "the native engine is not installed and cannot be downloaded" };
}
