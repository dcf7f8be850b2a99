// The repository's real pre-commit hook (.husky/pre-commit, installed by husky as `pnpm install`
// does) in a throwaway repository holding a copy of this working tree: it refuses a commit that
// edits a landed migration or breaks formatting, and lets a new, valid migration through.
import { execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { tempDir } from "@burrow/testing";
import { git, gitTestEnv } from "@burrow/testing/git";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..");

const env = gitTestEnv;

/** This working tree's files (tracked or new, not ignored) as it would be committed. */
const treeFiles = git(repoRoot, "ls-files", "--cached", "--others", "--exclude-standard")
  .split("\n")
  .filter((file) => existsSync(path.join(repoRoot, file)));

/**
 * `from` (an installed node_modules) rebuilt at `to` for the copy: pnpm's relative links to workspace
 * packages stay relative, so they reach the copy's packages (the migrations CLI finds prisma/ next to
 * itself); bin shims are copied, as they find their package from their own folder; everything else
 * links to this checkout's install.
 */
function mirrorModules(from: string, to: string) {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    const link = entry.isSymbolicLink() ? readlinkSync(source) : null;
    if (link && !path.isAbsolute(link) && !link.includes("node_modules")) symlinkSync(link, target);
    else if (entry.name === ".bin") cpSync(source, target, { recursive: true });
    else if (entry.isDirectory() && entry.name.startsWith("@")) mirrorModules(source, target);
    else symlinkSync(source, target);
  }
}

/** The root's and each workspace package's node_modules, as an install in `dir` would make them. */
function installDependencies(dir: string) {
  for (const manifest of treeFiles.filter((f) => path.basename(f) === "package.json")) {
    const modules = path.join(path.dirname(manifest), "node_modules");
    if (existsSync(path.join(repoRoot, modules))) mirrorModules(path.join(repoRoot, modules), path.join(dir, modules));
  }
}

/** A repository on main whose one commit is a copy of this tree, with husky's hooks installed. */
function hookedRepo() {
  const dir = tempDir("burrow-pre-commit-");
  for (const file of treeFiles) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  install(dir);
  return dir;
}

/** Installs the dependencies and husky's hooks in `dir`, as `pnpm install` does. */
function install(dir: string) {
  installDependencies(dir);
  // The root package's "prepare": core.hooksPath = .husky/_, whose (ignored) scripts it writes.
  execFileSync(path.join(dir, "node_modules/.bin/husky"), { cwd: dir, env, encoding: "utf8" });
  expect(git(dir, "config", "core.hooksPath")).toBe(".husky/_");
}

/** A linked worktree of `dir` on a new branch, installed (without that, it has no hooks to run). */
function worktreeOf(dir: string) {
  const worktree = path.join(tempDir("burrow-pre-commit-wt-"), "wt");
  git(dir, "worktree", "add", "-q", "-b", "feature", worktree);
  install(worktree);
  return worktree;
}

// Git sends a hook's output to stderr.
function commit(cwd: string, ...args: string[]) {
  const head = git(cwd, "rev-parse", "HEAD");
  const r = spawnSync("git", ["commit", "-q", "-m", "change", ...args], { cwd, env, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr, committed: git(cwd, "rev-parse", "HEAD") !== head };
}

const landed = git(repoRoot, "ls-files", "prisma/migrations/*/migration.sql").split("\n")[0] as string;

/** A new migration, stamped now (after every landed one), with a complete header. */
function addMigration(cwd: string) {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(cwd, `prisma/migrations/${stamp}_add_probe`);
  mkdirSync(folder);
  writeFileSync(
    path.join(folder, "migration.sql"),
    [
      "-- Purpose: a table for the pre-commit test",
      "-- Ticket: #21",
      "-- Reversible: yes",
      "-- Rollback:",
      '--   DROP TABLE "pets"."probes";',
      "",
      'CREATE TABLE "pets"."probes" ("id" TEXT NOT NULL, CONSTRAINT "probes_pkey" PRIMARY KEY ("id"));',
      "",
    ].join("\n"),
  );
}

describe(".husky/pre-commit", () => {
  it.each(["main checkout", "linked worktree"])("passes a new migration and refuses an edited one (%s)", (where) => {
    const dir = hookedRepo();
    const cwd = where === "main checkout" ? dir : worktreeOf(dir);
    addMigration(cwd);
    git(cwd, "add", "-A");
    const good = commit(cwd);
    expect(good.status, good.out).toBe(0);
    expect(good.committed).toBe(true);
    expect(good.out).toMatch(/validate-migrations: OK, 1 migration checked \(prisma\/migrations, staged changes/);

    appendFileSync(path.join(cwd, landed), "SELECT 1;\n");
    git(cwd, "add", "-A");
    const bad = commit(cwd);
    expect(bad.status).toBe(1);
    expect(bad.committed).toBe(false);
    expect(bad.out).toContain(`${landed}: [immutable-modified] was changed`);
    expect(bad.out).toMatch(/1 problem found, 1 migration checked \(prisma\/migrations, staged changes vs HEAD/);
  });

  it("checks what a partial commit (git commit -- PATH, a temporary index) would record", () => {
    const worktree = worktreeOf(hookedRepo());
    appendFileSync(path.join(worktree, landed), "SELECT 1;\n");
    const bad = commit(worktree, "--", landed);
    expect(bad.status).toBe(1);
    expect(bad.committed).toBe(false);
    expect(bad.out).toContain(`${landed}: [immutable-modified]`);
  });

  it("refuses a change biome rejects, through lint-staged", () => {
    const dir = hookedRepo();
    writeFileSync(path.join(dir, "scripts/probe.ts"), "export const probe = {a:1}\n");
    git(dir, "add", "-A");
    const bad = commit(dir);
    expect(bad.status).toBe(1);
    expect(bad.committed).toBe(false);
    expect(bad.out).toContain("scripts/probe.ts");
    expect(bad.out).toContain("biome check");
  });
});
