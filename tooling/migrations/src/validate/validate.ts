// Validates prisma/migrations: folder names and timestamps, migration.sql hygiene, the header block,
// and that migrations already on the base branch never change (databases that ran them would silently
// diverge); with --history, that no commit in the base's history ever changed one after it landed.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Failure } from "./failure";
import { UsageError } from "./failure";
import {
  type Base,
  foldersOf,
  gitFiles,
  indexTree,
  nulList,
  openRepo,
  resolveBase,
  type Tree,
  workingTree,
} from "./git";
import { checkHistory, HISTORY_EXCEPTIONS } from "./history";
import { checkFolderName, checkMigrationSql, checkPrismaTable, FRESH_STAMP } from "./rules";

export interface ValidateOptions {
  /** The migrations folder (prisma/migrations). */
  dir: string;
  /** Check only folders touched in the index, reading staged content; immutability against HEAD. */
  staged?: boolean;
  /** Commit-ish whose migrations must be unchanged (see resolveBase for the default). */
  base?: string;
  /** Also walk the base's first-parent history: every commit may only add migration files. */
  history?: boolean;
  now?: Date;
}

export interface ValidateResult {
  failures: Failure[];
  notices: string[];
  /** Number of migration folders validated. */
  checked: number;
  /** What was compared, for the summary line. */
  scope: string;
}

export function validateMigrations(opts: ValidateOptions): ValidateResult {
  const dir = path.resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${opts.dir}: not a directory`);
  const now = opts.now ?? new Date();
  const notices: string[] = [];
  const repo = openRepo(dir);
  if (opts.staged && !repo) throw new UsageError(`--staged: ${opts.dir} is not inside a git repository`);
  if (opts.history && opts.staged) throw new UsageError("--history and --staged do not go together");
  if (opts.history && !repo) throw new UsageError(`--history: ${opts.dir} is not inside a git repository`);
  if (!repo) notices.push(`${opts.dir} is not inside a git repository — immutability rule skipped`);

  const tree = opts.staged && repo ? indexTree(repo) : workingTree(dir, repo);
  const base = repo ? resolveBase(repo, opts.base, !!opts.staged, notices) : null;
  const baseFiles = repo && base ? gitFiles(repo, base.commit) : new Map<string, string>();
  const baseFolders = foldersOf(baseFiles);
  const shown = (rel: string) => path.relative(process.cwd(), path.join(dir, rel)).split(path.sep).join("/") || ".";

  // --staged looks only at folders the commit touches, so unrelated work in progress never blocks it.
  let toCheck = [...tree.folders.keys()].sort();
  if (opts.staged && repo) {
    const staged = nulList(
      repo.git(["diff", "--cached", "--name-only", "--no-renames", "-z", "--", repo.prefix || "."]),
    );
    const touched = new Set(staged.map((f) => f.slice(repo.prefix.length).split("/")[0]));
    toCheck = toCheck.filter((f) => touched.has(f));
  }

  const failures: Failure[] = [];
  for (const folder of toCheck) {
    failures.push(...checkFolderName(folder, `${shown(folder)}/`, now));
    const sql = tree.read(`${folder}/migration.sql`);
    if (sql) {
      failures.push(...checkMigrationSql(sql, shown(`${folder}/migration.sql`)));
      failures.push(...checkPrismaTable(sql.toString("utf8"), folder, shown(`${folder}/migration.sql`)));
    } else {
      const others = (tree.folders.get(folder) ?? []).filter((f) => f !== "migration.sql");
      failures.push({
        file: `${shown(folder)}/`,
        rule: "sql-missing",
        message: `has no migration.sql${others.length ? ` (found: ${others.join(", ")})` : ""}; Prisma runs only that file`,
        fix: `copy prisma/TEMPLATE.sql to ${shown(folder)}/migration.sql and write the migration there, or delete the folder`,
      });
    }
  }

  // Migrations run in name order, so two folders with one timestamp have no defined order, and a new
  // migration dated before one already on the base would run out of order on deployed databases.
  const stampOf = (f: string) => (/^\d{14}_/.test(f) ? f.slice(0, 14) : null);
  const allStamped = [...tree.folders.keys()].filter(stampOf).sort();
  const newestBase = [...baseFolders.keys()]
    .map(stampOf)
    .filter((s) => s !== null)
    .sort()
    .at(-1);
  for (const folder of toCheck) {
    const stamp = stampOf(folder);
    if (!stamp) continue;
    const earlier = allStamped.find((f) => f !== folder && f < folder && stampOf(f) === stamp);
    if (earlier) {
      failures.push({
        file: `${shown(folder)}/`,
        rule: "timestamp-order",
        message: `timestamp ${stamp} is also used by "${earlier}"; timestamps must strictly increase`,
        fix: `give this migration a later timestamp (${FRESH_STAMP})`,
      });
    } else if (base && newestBase && !baseFolders.has(folder) && stamp <= newestBase) {
      failures.push({
        file: `${shown(folder)}/`,
        rule: "timestamp-order",
        message: `timestamp ${stamp} is not after ${newestBase}, the newest migration on ${base.label}; it would run out of order`,
        fix: `rename the folder with a current timestamp (${FRESH_STAMP})`,
      });
    }
  }

  if (repo && base) failures.push(...checkImmutable(base, tree, baseFolders, baseFiles, shown));
  if (opts.history && repo && base) {
    failures.push(...checkHistory(repo, base, path.join(path.dirname(dir), HISTORY_EXCEPTIONS), shown));
  }

  const where = opts.staged ? "staged changes" : "working tree";
  const history = opts.history && base ? ` and the history of ${base.commit.slice(0, 7)}` : "";
  const scope = `${shown("")}, ${where}${base ? ` vs ${base.label}` : ""}${history}`;
  return { failures, notices, checked: toCheck.length, scope };
}

/** Migrations on the base may not be modified, deleted or renamed: databases already ran them. */
function checkImmutable(
  base: Base,
  tree: Tree,
  baseFolders: Map<string, string[]>,
  baseFiles: Map<string, string>,
  shown: (rel: string) => string,
): Failure[] {
  const failures: Failure[] = [];
  const newFolders = [...tree.folders.keys()].filter((f) => !baseFolders.has(f));
  const current = tree.blobs([...baseFiles.keys(), ...newFolders.map((f) => `${f}/migration.sql`)]);
  const restore = (rel: string) =>
    `git restore --source=${base.commit.slice(0, 12)} --staged --worktree -- ${shown(rel)}`;
  for (const [folder, files] of [...baseFolders].sort()) {
    const rels = files.map((f) => `${folder}/${f}`);
    if (!rels.some((r) => current.has(r))) {
      const baseSql = baseFiles.get(`${folder}/migration.sql`);
      const renamedTo = baseSql && newFolders.find((f) => current.get(`${f}/migration.sql`) === baseSql);
      if (renamedTo) {
        failures.push({
          file: `${shown(renamedTo)}/`,
          rule: "immutable-renamed",
          message: `is "${folder}" renamed, which is already on ${base.label}; Prisma would run it again as a new migration`,
          fix: `rename it back to "${folder}"`,
        });
      } else {
        failures.push({
          file: `${shown(folder)}/`,
          rule: "immutable-deleted",
          message: `was deleted, but it is already on ${base.label} and applied to databases`,
          fix: `restore it (${restore(folder)}); to undo its changes, add a new migration`,
        });
      }
      continue;
    }
    for (const rel of rels) {
      const was = baseFiles.get(rel);
      const now = current.get(rel);
      if (now === undefined) {
        failures.push({
          file: shown(rel),
          rule: "immutable-deleted",
          message: `was deleted, but it is already on ${base.label}`,
          fix: `restore it (${restore(rel)})`,
        });
      } else if (now !== was) {
        failures.push({
          file: shown(rel),
          rule: "immutable-modified",
          message: `was changed, but this migration is already on ${base.label} and applied to databases`,
          fix: `restore it (${restore(rel)}) and put the change in a new migration`,
        });
      }
    }
  }
  return failures;
}
