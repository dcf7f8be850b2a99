// The WebAssembly engine must be the exact build the Prisma CLI was released with: the CLI's
// JSON-RPC payloads and the engine's methods change together.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { wasmEngineVersion } from "./wasm";

const require = createRequire(import.meta.url);

/** `@prisma/engines-version` as the installed `prisma` CLI depends on it, e.g. `7.10.0-4.0edf323e…`. */
export function cliEnginesVersion(): { cli: string; engines: string } {
  const cliPackage = require.resolve("prisma/package.json");
  const fromCli = createRequire(cliPackage);
  const fromEngines = createRequire(fromCli.resolve("@prisma/engines/package.json"));
  const engines = JSON.parse(readFileSync(fromEngines.resolve("@prisma/engines-version/package.json"), "utf8"));
  const cli = JSON.parse(readFileSync(cliPackage, "utf8"));
  return { cli: cli.version, engines: engines.version };
}

/** The commit hash the CLI prints for `schema-engine --version`. */
export const engineCommit = (version: string) => version.split(".").at(-1) ?? version;

/** null when they match, else the one line that tells what to do. */
export function versionMismatch(
  versions = { ...cliEnginesVersion(), wasm: wasmEngineVersion() },
  packageJson = path.relative(process.cwd(), path.resolve(import.meta.dirname, "../package.json")),
): string | null {
  if (versions.wasm === versions.engines) return null;
  return (
    `schema engine version mismatch: prisma ${versions.cli} expects engines ${versions.engines}, ` +
    `but @prisma/schema-engine-wasm is ${versions.wasm}; pin "@prisma/schema-engine-wasm": "${versions.engines}" ` +
    `in ${packageJson} (npm view @prisma/schema-engine-wasm versions) or stay on the Prisma release that has one.`
  );
}
