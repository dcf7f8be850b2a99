// `pnpm prisma …`: the stock Prisma CLI, given the WebAssembly schema engine only where the native
// one cannot be had (see choose.ts). Everything after `prisma` reaches the CLI unchanged.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { chooseEngine } from "./choose";
import { parseEngineEnv } from "./env";
import { cliEnginesVersion, versionMismatch } from "./version";

const require = createRequire(import.meta.url);
const launcher = path.resolve(import.meta.dirname, "../bin/schema-engine.mjs");

export async function runPrisma(args: string[]): Promise<number> {
  const env = parseEngineEnv();
  const choice = await chooseEngine(env, cliEnginesVersion().engines);
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  if (choice.engine === "wasm") {
    const mismatch = versionMismatch();
    if (mismatch) {
      console.error(`prisma: ${mismatch}`);
      return 1;
    }
    childEnv.PRISMA_SCHEMA_ENGINE_BINARY = launcher;
    // stderr, so `--print`/`--script` output on stdout stays exactly Prisma's.
    console.error(`prisma: WebAssembly schema engine (${choice.reason})`);
  }
  const cli = require.resolve("prisma/build/index.js");
  const { status, signal } = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env: childEnv });
  return status ?? (signal ? 1 : 0);
}
