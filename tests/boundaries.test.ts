// The import and env boundaries in biome.json: probe files at real paths, linted with the repo's config.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@burrow/testing";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..");
const biome = path.join(repoRoot, "node_modules/.bin/biome");

/** Lints `source` as if it lived at `file` in the repo; returns the rules it breaks. */
function brokenRules(file: string, source: string): string[] {
  const dir = tempDir("burrow-boundaries-");
  spawnSync("git", ["init", "-q"], { cwd: dir });
  copyFileSync(path.join(repoRoot, "biome.json"), path.join(dir, "biome.json"));
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), source);
  const run = spawnSync(biome, ["lint", "--max-diagnostics=50", file], { cwd: dir, encoding: "utf8" });
  return [...new Set([...`${run.stdout}${run.stderr}`.matchAll(/lint\/style\/(\w+)/g)].map((m) => m[1] as string))];
}

// Each probe starts Biome (about a second, several on a loaded machine).
describe("biome boundaries", { timeout: 60_000 }, () => {
  it.each([
    ["apps/web/src/server/a.ts", 'import { run } from "../../../../scripts/lib/run";\nexport const a = run;\n'],
    ["apps/pets/src/app/a.ts", 'import { tempDir } from "@burrow/testing";\nexport const a = tempDir;\n'],
    ["packages/db/src/a.ts", 'import { deploy } from "@burrow/migrations";\nexport const a = deploy;\n'],
    ["apps/pets/src/app/a.ts", 'import { env } from "../../../web/src/env";\nexport const a = env;\n'],
    ["apps/web/src/app/a.ts", 'import { env } from "@burrow/pets/env";\nexport const a = env;\n'],
  ])("refuses %s importing across a boundary", (file, source) => {
    expect(brokenRules(file, source)).toEqual(["noRestrictedImports"]);
  });

  it("allows test files and the testing package to use test helpers", () => {
    expect(
      brokenRules(
        "packages/db/src/a.int.test.ts",
        'import { tempDir } from "@burrow/testing";\nexport const a = tempDir;\n',
      ),
    ).toEqual([]);
    expect(
      brokenRules(
        "packages/testing/src/a.ts",
        'import { deploy } from "@burrow/migrations";\nexport const a = deploy;\n',
      ),
    ).toEqual([]);
  });

  it("keeps process.env inside env modules (and CLIs)", () => {
    const source = "export const a = process.env.A;\n";
    expect(brokenRules("apps/web/src/server/a.ts", source)).toEqual(["noProcessEnv"]);
    expect(brokenRules("packages/auth/src/a.ts", source)).toEqual(["noProcessEnv"]);
    expect(brokenRules("apps/web/src/env.ts", source)).toEqual([]);
    expect(brokenRules("packages/schema-engine/src/a.ts", source)).toEqual([]);
  });
});
