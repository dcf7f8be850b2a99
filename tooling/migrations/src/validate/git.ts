// Where migrations are read from: the working tree, git's index, or a base commit.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./failure";

export interface Repo {
  top: string;
  /** The migrations dir relative to `top`, with a trailing "/" ("" when it is the top). */
  prefix: string;
  git(args: string[], input?: string): Buffer | null;
}

/**
 * Git's environment for our commands. A hook gets GIT_DIR (in a linked worktree, always), which would
 * make `git -C <migrations dir>` take that folder for the top of the work tree; repository discovery
 * from the folder finds the same repository without it. GIT_INDEX_FILE stays (a partial commit stages
 * into a temporary index), made absolute because our commands run from the top, not from here.
 */
function gitEnv(): NodeJS.ProcessEnv {
  const { GIT_DIR: _dir, GIT_WORK_TREE: _workTree, ...env } = process.env;
  if (env.GIT_INDEX_FILE) env.GIT_INDEX_FILE = path.resolve(env.GIT_INDEX_FILE);
  return env;
}

export function openRepo(dir: string): Repo | null {
  const env = gitEnv();
  const run = (cwd: string, args: string[], input?: string) => {
    const r = spawnSync("git", ["-C", cwd, ...args], { input, env, maxBuffer: 1 << 30 });
    return r.status === 0 ? r.stdout : null;
  };
  const top = run(dir, ["rev-parse", "--show-toplevel"])?.toString().trim();
  if (!top) return null;
  const rel = path.relative(realpathSync(top), realpathSync(dir)).split(path.sep).join("/");
  return { top, prefix: rel ? `${rel}/` : "", git: (args, input) => run(top, args, input) };
}

export const nulList = (buf: Buffer | null) => (buf?.toString("utf8") ?? "").split("\0").filter(Boolean);

/** What we validate: migration folders and their files, addressed relative to the migrations dir. */
export interface Tree {
  folders: Map<string, string[]>;
  read(rel: string): Buffer | null;
  /** Git blob ids of those `rels` that exist (what git would store), for the immutability rule. */
  blobs(rels: string[]): Map<string, string>;
}

export function workingTree(dir: string, repo: Repo | null): Tree {
  const folders = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) folders.set(entry.name, readdirSync(path.join(dir, entry.name)).sort());
  }
  const isFile = (rel: string) => existsSync(path.join(dir, rel)) && statSync(path.join(dir, rel)).isFile();
  return {
    folders,
    read: (rel) => (isFile(rel) ? readFileSync(path.join(dir, rel)) : null),
    blobs(rels) {
      const present = rels.filter(isFile);
      if (!repo || present.length === 0) return new Map();
      // hash-object applies the repo's clean filters (e.g. autocrlf), so it matches what git compares.
      const ids = repo.git(["hash-object", "--stdin-paths"], present.map((r) => repo.prefix + r).join("\n"));
      const lines = ids?.toString().trim().split("\n") ?? [];
      return new Map(present.map((r, i) => [r, lines[i] ?? ""]));
    },
  };
}

/** Files under the migrations dir in a commit, or (commit = null) in the index: rel path → blob id. */
export function gitFiles(repo: Repo, commit: string | null): Map<string, string> {
  const spec = repo.prefix || ".";
  const out = commit
    ? repo.git(["ls-tree", "-r", "-z", "--full-name", commit, "--", spec])
    : repo.git(["ls-files", "-s", "-z", "--full-name", "--", spec]);
  const files = new Map<string, string>();
  for (const entry of nulList(out)) {
    // ls-tree: "<mode> blob <id>\t<path>"; ls-files -s: "<mode> <id> <stage>\t<path>".
    const [meta = "", file = ""] = entry.split("\t");
    const id = commit ? meta.split(" ")[2] : meta.split(" ")[1];
    if (id && file.startsWith(repo.prefix)) files.set(file.slice(repo.prefix.length), id);
  }
  return files;
}

export function foldersOf(files: Map<string, string>): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const rel of files.keys()) {
    const slash = rel.indexOf("/");
    if (slash < 0) continue; // migration_lock.toml and other top-level files are not migrations
    const folder = rel.slice(0, slash);
    folders.set(folder, [...(folders.get(folder) ?? []), rel.slice(slash + 1)]);
  }
  return folders;
}

export function indexTree(repo: Repo): Tree {
  const files = gitFiles(repo, null);
  return {
    folders: foldersOf(files),
    read: (rel) => {
      const id = files.get(rel);
      return id ? repo.git(["cat-file", "blob", id]) : null;
    },
    blobs: (rels) => new Map(rels.flatMap((r) => (files.has(r) ? [[r, files.get(r) ?? ""] as const] : []))),
  };
}

export interface Base {
  commit: string;
  label: string;
}

/**
 * The commit whose migrations must stay unchanged. Defaults: --staged → HEAD (what the commit
 * would change); otherwise origin/main, else main, taken at its merge base with HEAD — so a branch
 * behind main is not blamed for main's newer migrations, and on main itself it is HEAD.
 */
export function resolveBase(repo: Repo, explicit: string | undefined, staged: boolean, notices: string[]): Base | null {
  const commitOf = (ref: string) =>
    repo
      .git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])
      ?.toString()
      .trim() || null;
  const head = commitOf("HEAD");
  const candidates = explicit ? [explicit] : staged ? ["HEAD"] : ["origin/main", "main"];
  const ref = candidates.find((c) => commitOf(c));
  if (!ref) {
    // A typo in an explicit --base must not silently switch the rule off (CI would stay green).
    if (explicit && head) throw new UsageError(`--base ${explicit}: no such commit in ${repo.top}`);
    notices.push(
      `no base commit (${candidates.join(", ")} not found, e.g. no commits yet) — immutability rule skipped`,
    );
    return null;
  }
  const refCommit = commitOf(ref) as string;
  if (!head || head === refCommit) return { commit: refCommit, label: `${ref} at ${refCommit.slice(0, 7)}` };
  const mergeBase = repo.git(["merge-base", ref, "HEAD"])?.toString().trim();
  if (!mergeBase) {
    notices.push(`${ref} and HEAD share no history — immutability rule skipped`);
    return null;
  }
  return {
    commit: mergeBase,
    label:
      mergeBase === refCommit
        ? `${ref} at ${refCommit.slice(0, 7)}`
        : `the merge base of ${ref} and HEAD (${mergeBase.slice(0, 7)})`,
  };
}
