// --history: no commit on the base's first-parent line changed a landed migration, except the
// reviewed changes listed in migration-history-exceptions.json.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { Failure } from "./failure";
import { type Base, nulList, type Repo } from "./git";

/** Next to the migrations folder: reviewed changes to landed migrations, each with its reason. */
export const HISTORY_EXCEPTIONS = "migration-history-exceptions.json";

const HistoryExceptions = z.array(
  z.strictObject({
    commit: z.string().regex(/^[0-9a-f]{40}$/, "a full 40-character commit id"),
    /** Relative to the migrations folder, e.g. 20261128014636_app_roles/migration.sql. */
    file: z.string().min(1),
    reason: z.string().trim().min(10, "say why every database is fine with it"),
    /** SHA-256 of the text before the change: databases that ran it still count as up to date. */
    checksums: z.array(z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256")).optional(),
  }),
);

interface HistoryChange {
  commit: string;
  status: string;
  rel: string;
  oldBlob: string;
  newBlob: string;
}

/**
 * Every commit on the base's first-parent line (main as it landed, merges diffed against their first
 * parent) that touched a migration folder: only additions are allowed. Branch commits after the base
 * are the tree-vs-base rule's job, so a branch may still fix its own migration before it lands.
 */
export function checkHistory(
  repo: Repo,
  base: Base,
  exceptionsFile: string,
  shown: (rel: string) => string,
): Failure[] {
  if (repo.git(["rev-parse", "--is-shallow-repository"])?.toString().trim() === "true") {
    throw new Error("--history needs the full history, but this clone is shallow: git fetch --unshallow");
  }
  const out = repo.git([
    "log",
    "--first-parent",
    "-m",
    "--raw",
    "--no-renames",
    "--no-abbrev",
    "-z",
    "--format=commit %H",
    base.commit,
    "--",
    repo.prefix || ".",
  ]);
  const changes: HistoryChange[] = [];
  const tokens = nulList(out).map((t) => t.trim());
  let commit = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token.startsWith("commit ")) {
      commit = token.slice(7);
    } else if (token.startsWith(":")) {
      // ":<old mode> <new mode> <old blob> <new blob> <status>" then the path.
      const [, , oldBlob = "", newBlob = "", status = ""] = token.slice(1).split(" ");
      const file = tokens[++i] ?? "";
      const rel = file.slice(repo.prefix.length);
      // Files of migration folders only; migration_lock.toml and other top-level files may change.
      if (file.startsWith(repo.prefix) && rel.includes("/")) changes.push({ commit, status, rel, oldBlob, newBlob });
    }
  }

  const exceptions = readHistoryExceptions(exceptionsFile, shown);
  if (!Array.isArray(exceptions)) return [exceptions];
  const used = new Set<number>();
  const excepted = (change: HistoryChange) => {
    const at = exceptions.findIndex((e) => e.commit === change.commit && e.file === change.rel);
    if (at >= 0) used.add(at);
    return at >= 0;
  };
  const commitLabel = (id: string) => repo.git(["log", "-1", "--format=%h (%s)", id])?.toString().trim() ?? id;
  const landedIn = new Map(changes.filter((c) => c.status === "A").map((c) => [c.rel, c.commit]));
  const fix = (change: HistoryChange) =>
    `history cannot be undone: check which text each database ran (pnpm db:status reports modified checksums), ` +
    `restore the landed text in a new commit if any ran it, and put real changes in a new migration; then record ` +
    `{ "commit": "${change.commit}", "file": "${change.rel}", "reason": … } in ${shown(`../${HISTORY_EXCEPTIONS}`)}`;

  const failures: Failure[] = [];
  for (const change of changes) {
    if (change.status === "A" || excepted(change)) continue;
    const landed = landedIn.get(change.rel);
    const since = landed ? ` after it landed in ${commitLabel(landed)}` : "";
    const renamedTo =
      change.status === "D" &&
      changes.find((c) => c.commit === change.commit && c.status === "A" && c.newBlob === change.oldBlob);
    if (renamedTo) {
      failures.push({
        file: shown(change.rel),
        rule: "history-renamed",
        message: `was renamed to ${renamedTo.rel} by commit ${commitLabel(change.commit)}${since}; databases that ran it see a new migration`,
        fix: fix(change),
      });
    } else {
      const deleted = change.status === "D";
      failures.push({
        file: shown(change.rel),
        rule: deleted ? "history-deleted" : "history-modified",
        message: `was ${deleted ? "deleted" : "changed"} by commit ${commitLabel(change.commit)}${since}; databases that ran it differ from new ones`,
        fix: fix(change),
      });
    }
  }
  exceptions.forEach((e, at) => {
    if (used.has(at)) return;
    failures.push({
      file: shown(`../${HISTORY_EXCEPTIONS}`),
      rule: "history-exception-unused",
      message: `no commit in the history of ${base.commit.slice(0, 7)} changes ${e.file} in ${e.commit.slice(0, 12)}`,
      fix: "remove the entry (a stale exception could later excuse a real change) or correct its commit/file",
    });
  });
  return failures;
}

/** The exceptions file's entries, or one failure saying what is wrong with it. */
function readHistoryExceptions(
  file: string,
  shown: (rel: string) => string,
): z.infer<typeof HistoryExceptions> | Failure {
  if (!existsSync(file)) return [];
  const failure = (problem: string): Failure => ({
    file: shown(`../${HISTORY_EXCEPTIONS}`),
    rule: "history-exception-unused",
    message: `cannot be used: ${problem}`,
    fix: 'make it a JSON list of { "commit", "file", "reason" } (see docs/migrations.md)',
  });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return failure(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = HistoryExceptions.safeParse(json);
  if (parsed.success) return parsed.data;
  return failure(parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
}
