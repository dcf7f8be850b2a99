// Servers the tests and `pnpm dev` need but npm does not ship (FerretDB, SeaweedFS) are built once
// from the Go module proxy into .cache/<name>/<version>/.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const cacheDir = path.resolve(import.meta.dirname, "../../../.cache");

export function goBinary(): string | undefined {
  for (const candidate of ["go", "/usr/local/go/bin/go"]) {
    try {
      execFileSync(candidate, ["version"], { stdio: "ignore" });
      return candidate;
    } catch {}
  }
  return undefined;
}

export interface GoBuild {
  name: string;
  /** The binary's file name, when not `name`. */
  binary?: string;
  module: string;
  version: string;
  /** The main package inside the module, e.g. "./cmd/ferretdb". */
  pkg: string;
  /** Called with the copied source before building (e.g. to write generated files). */
  prepare?: (src: string) => void;
}

/**
 * The cached binary, or undefined when Go is missing. `go install` cannot build these modules
 * (replace directives, release-time generated files), so the module source is copied out of
 * Go's module cache and built there.
 */
export function buildGoModule({ name, binary = name, module, version, pkg, prepare }: GoBuild): string | undefined {
  const dir = path.join(cacheDir, name, version);
  const bin = path.join(dir, binary);
  if (existsSync(bin)) return bin;
  const go = goBinary();
  if (!go) return undefined;
  console.log(`[services] building ${name} ${version} with Go (first run only, minutes on 2 cores)…`);
  const mod = JSON.parse(
    execFileSync(go, ["mod", "download", "-json", `${module}@${version}`], { cwd: os.tmpdir(), encoding: "utf8" }),
  ) as { Dir: string };
  const src = path.join(dir, "src");
  rmSync(src, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(mod.Dir, src, { recursive: true });
  execFileSync("chmod", ["-R", "u+w", src]);
  prepare?.(src);
  execFileSync(go, ["build", "-buildvcs=false", "-o", `${bin}.tmp`, pkg], { cwd: src, stdio: "inherit" });
  chmodSync(`${bin}.tmp`, 0o755);
  execFileSync("mv", [`${bin}.tmp`, bin]);
  rmSync(src, { recursive: true, force: true });
  return bin;
}
