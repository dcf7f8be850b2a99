// Validates prisma/migrations: folder names and timestamps, migration.sql hygiene, the header block
// from prisma/TEMPLATE.sql, and that migrations already on the base branch never change (databases
// that ran them would silently diverge); with --history, that no commit in the base's history ever
// changed one after it landed. Called by scripts/validate-migrations.sh; also a library:
// parseMigrationHeader is reused by the rollback drill.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";

export type RuleId =
  | "folder-name"
  | "timestamp-invalid"
  | "timestamp-future"
  | "timestamp-order"
  | "sql-missing"
  | "sql-empty"
  | "encoding-bom"
  | "encoding-utf8"
  | "line-endings"
  | "header-missing"
  | "header-empty"
  | "reversible-value"
  | "rollback-sql"
  | "rollback-reason"
  | "immutable-modified"
  | "immutable-deleted"
  | "immutable-renamed"
  | "history-modified"
  | "history-deleted"
  | "history-renamed"
  | "history-exception-unused"
  | "prisma-migrations-table";

export interface Failure {
  /** Path as shown to the user (relative to the current directory). */
  file: string;
  rule: RuleId;
  message: string;
  fix: string;
}

export const formatFailure = (f: Failure) => `${f.file}: [${f.rule}] ${f.message} — ${f.fix}`;

export class UsageError extends Error {}

// ── Header ────────────────────────────────────────────────────────────────────────────────────

export interface MigrationHeader {
  /** null: the "-- Key:" line is absent from the header; "": present but empty. */
  purpose: string | null;
  ticket: string | null;
  /** Raw value; only exactly "yes" or "no" is valid. */
  reversible: string | null;
  /** Lines under "-- Rollback:" (inline text first), comment markers and indentation stripped. */
  rollback: string[] | null;
  /** The Rollback lines when Reversible is "yes" — SQL to run joined with "\n" — else []. */
  rollbackSql: string[];
}

const HEADER_KEYS = ["Purpose", "Ticket", "Reversible", "Rollback"] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];
const KEY_LINE = /^--\s*(Purpose|Ticket|Reversible|Rollback):(.*)$/;
// Continuation lines are indented ("--   DROP …;"); an unindented comment such as the template's
// "-- Copy this file …" or a bare "--" ends the value, so trailing notes never become rollback SQL.
const CONTINUATION = /^--(?:\s{2,}|\t)\s*(\S.*)$/;
const isPlaceholder = (text: string) => /^<[\s\S]*>$/.test(text.trim());

/** Reads the header from the leading comment block of a migration.sql (BOM and CRLF tolerated). */
export function parseMigrationHeader(sql: string): MigrationHeader {
  const values = new Map<HeaderKey, string[]>();
  let current: string[] | undefined;
  let started = false;
  for (const line of sql.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (!started && line.trim() === "") continue;
    if (!line.startsWith("--")) break;
    started = true;
    const key = KEY_LINE.exec(line);
    const continuation = CONTINUATION.exec(line);
    if (key) {
      const name = key[1] as HeaderKey;
      const inline = (key[2] ?? "").trim();
      // A repeated key keeps the first value: later copies are usually a pasted second header.
      current = values.has(name) ? undefined : [];
      if (current) {
        values.set(name, current);
        if (inline) current.push(inline);
      }
    } else if (continuation && current) {
      current.push((continuation[1] ?? "").trimEnd());
    } else {
      current = undefined;
    }
  }
  const joined = (k: HeaderKey) => values.get(k)?.join(" ") ?? null;
  const reversible = joined("Reversible");
  const rollback = values.get("Rollback") ?? null;
  return {
    purpose: joined("Purpose"),
    ticket: joined("Ticket"),
    reversible,
    rollback,
    rollbackSql: reversible === "yes" ? (rollback ?? []) : [],
  };
}

const FROM_TEMPLATE = "copy the header block from prisma/TEMPLATE.sql to the top of the file and fill it in";

function checkHeader(sql: string, file: string): Failure[] {
  const h = parseMigrationHeader(sql);
  const failures: Failure[] = [];
  const fail = (rule: RuleId, message: string, fix: string) => failures.push({ file, rule, message, fix });
  const present: Record<HeaderKey, unknown> = {
    Purpose: h.purpose,
    Ticket: h.ticket,
    Reversible: h.reversible,
    Rollback: h.rollback,
  };
  for (const key of HEADER_KEYS) {
    if (present[key] === null)
      fail("header-missing", `"-- ${key}:" is missing from the header comment block`, FROM_TEMPLATE);
  }
  const examples = { Purpose: "-- Purpose: add photos to listings", Ticket: "-- Ticket: #5" };
  for (const [key, value] of [
    ["Purpose", h.purpose],
    ["Ticket", h.ticket],
  ] as const) {
    if (value !== null && (value === "" || isPlaceholder(value))) {
      fail(
        "header-empty",
        `"-- ${key}:" is ${value ? "still the template placeholder" : "empty"}`,
        `fill it in, e.g. "${examples[key]}"`,
      );
    }
  }
  if (h.reversible !== null && h.reversible !== "yes" && h.reversible !== "no") {
    fail(
      "reversible-value",
      `"-- Reversible:" is ${h.reversible ? `"${h.reversible}"` : "empty"}, expected exactly "yes" or "no"`,
      `write "-- Reversible: yes" with the undo SQL under "-- Rollback:", or "-- Reversible: no" with the reason there`,
    );
  }
  if (h.rollback !== null) {
    const text = h.rollback.join("\n").trim();
    const empty = text === "" || isPlaceholder(text);
    if (h.reversible === "yes" && empty) {
      fail(
        "rollback-sql",
        `"Reversible: yes" but there is no rollback SQL under "-- Rollback:"`,
        `add the SQL that undoes this migration as indented comment lines, e.g. '--   DROP TABLE "pets"."photos";', or set "Reversible: no" and give the reason`,
      );
    } else if (h.reversible === "yes" && !text.endsWith(";")) {
      // The rollback drill executes these lines; prose or a half-written statement must not pass.
      fail(
        "rollback-sql",
        `the rollback under "-- Rollback:" does not end with ";", so it is not runnable SQL`,
        `write one SQL statement per indented comment line, each ending with ";" (e.g. '--   DROP TABLE "pets"."photos";')`,
      );
    } else if (h.reversible === "no" && empty) {
      fail(
        "rollback-reason",
        `"Reversible: no" but "-- Rollback:" does not say why it cannot be undone`,
        `add the reason as indented comment lines under "-- Rollback:", e.g. "--   drops the column's data; restore from backup"`,
      );
    }
  }
  return failures;
}

// ── One migration.sql ─────────────────────────────────────────────────────────────────────────

/** File-level rules for one migration.sql's bytes (as on disk or as staged). */
export function checkMigrationSql(bytes: Buffer, file: string): Failure[] {
  if (bytes.toString("utf8").trim() === "") {
    return [
      {
        file,
        rule: "sql-empty",
        message: "migration.sql is empty",
        fix: "write the migration SQL below the header from prisma/TEMPLATE.sql, or delete the folder",
      },
    ];
  }
  const failures: Failure[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    failures.push({
      file,
      rule: "encoding-bom",
      message: "starts with a UTF-8 byte order mark (BOM)",
      fix: `save it as UTF-8 without BOM, e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' ${file}`,
    });
  }
  let sql: string;
  try {
    sql = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    sql = bytes.toString("utf8");
    const line = sql.slice(0, sql.indexOf("\uFFFD")).split("\n").length;
    failures.push({
      file,
      rule: "encoding-utf8",
      message: `is not valid UTF-8 (first bad byte on line ${line})`,
      fix: `re-save it as UTF-8, e.g. iconv -f LATIN1 -t UTF-8`,
    });
  }
  const crlf = sql.match(/\r\n/g)?.length ?? 0;
  if (sql.includes("\r")) {
    failures.push({
      file,
      rule: "line-endings",
      message: `has Windows (CRLF/CR) line endings${crlf ? ` on ${crlf} line${crlf === 1 ? "" : "s"}` : ""}; migrations use LF`,
      fix: `convert it with sed -i 's/\\r$//' ${file} and set your editor (or git core.autocrlf=input) to LF`,
    });
  }
  return [...failures, ...checkHeader(sql, file)];
}

// ── Prisma's own table ────────────────────────────────────────────────────────────────────────

/**
 * Landed before the rule existed; guarded with to_regclass so it is a no-op where the table is
 * absent (see its header). Nothing may join it.
 */
const PRISMA_TABLE_GRANDFATHERED = new Set(["20261128043847_health_read_migrations"]);

/** The SQL without its comments (headers name tables in rollback notes). */
const withoutComments = (sql: string) => sql.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/--[^\n]*/g, " ");

/**
 * Prisma's shadow database (migrate dev, migrate diff --from-migrations) replays migrations on an
 * empty database that has no _prisma_migrations table, so a migration that touches it cannot apply
 * there; and the table is Prisma's bookkeeping, not the app's schema.
 */
export function checkPrismaTable(sql: string, folder: string, file: string): Failure[] {
  if (PRISMA_TABLE_GRANDFATHERED.has(folder) || !/_prisma_migrations/i.test(withoutComments(sql))) return [];
  return [
    {
      file,
      rule: "prisma-migrations-table",
      message: "references _prisma_migrations, which Prisma's shadow database does not have (migrate dev fails: P3006)",
      fix: "leave Prisma's table to Prisma: grant access to it in deployment, or read the migration level another way",
    },
  ];
}

// ── Folder names and timestamps ───────────────────────────────────────────────────────────────

const FOLDER_NAME = /^[0-9]{14}_[a-z0-9]+(_[a-z0-9]+)*$/;
const utcStamp = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);
const readable = (ts: string) =>
  `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)} UTC`;
const FRESH_STAMP = "use the current UTC time: date -u +%Y%m%d%H%M%S";

/** The folder's UTC timestamp, or null if it is not a real calendar date and time. */
export function parseTimestamp(ts: string): Date | null {
  const n = (from: number, len: number) => Number(ts.slice(from, from + len));
  const date = new Date(Date.UTC(n(0, 4), n(4, 2) - 1, n(6, 2), n(8, 2), n(10, 2), n(12, 2)));
  // Date.UTC rolls overflow forward (month 13 → next January); a real timestamp round-trips unchanged.
  return /^\d{14}$/.test(ts) && !Number.isNaN(date.getTime()) && utcStamp(date) === ts ? date : null;
}

function checkFolderName(folder: string, file: string, now: Date): Failure[] {
  const failures: Failure[] = [];
  if (!FOLDER_NAME.test(folder)) {
    const stamp = /^\d{14}/.exec(folder)?.[0] ?? utcStamp(now);
    const words = folder
      .replace(/^\d{14}_?/, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    failures.push({
      file,
      rule: "folder-name",
      message: `folder name "${folder}" is not <YYYYMMDDHHMMSS>_<snake_case> (${FOLDER_NAME.source})`,
      fix: `rename it, e.g. to "${stamp}_${words || "describe_the_change"}"`,
    });
  }
  const stamp = /^\d{14}(?=_)/.exec(folder)?.[0];
  if (stamp === undefined) return failures;
  const date = parseTimestamp(stamp);
  if (!date) {
    failures.push({
      file,
      rule: "timestamp-invalid",
      message: `timestamp ${stamp} (${readable(stamp)}) is not a real date and time`,
      fix: FRESH_STAMP,
    });
  } else if (date.getTime() > now.getTime()) {
    failures.push({
      file,
      rule: "timestamp-future",
      message: `timestamp ${stamp} (${readable(stamp)}) is in the future (now ${readable(utcStamp(now))})`,
      fix: `${FRESH_STAMP}; a future timestamp sorts after migrations written later`,
    });
  }
  return failures;
}

// ── Sources: the working tree, the index, a base commit ───────────────────────────────────────

interface Repo {
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

function openRepo(dir: string): Repo | null {
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

const nulList = (buf: Buffer | null) => (buf?.toString("utf8") ?? "").split("\0").filter(Boolean);

/** What we validate: migration folders and their files, addressed relative to the migrations dir. */
interface Tree {
  folders: Map<string, string[]>;
  read(rel: string): Buffer | null;
  /** Git blob ids of those `rels` that exist (what git would store), for the immutability rule. */
  blobs(rels: string[]): Map<string, string>;
}

function workingTree(dir: string, repo: Repo | null): Tree {
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
function gitFiles(repo: Repo, commit: string | null): Map<string, string> {
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

function foldersOf(files: Map<string, string>): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const rel of files.keys()) {
    const slash = rel.indexOf("/");
    if (slash < 0) continue; // migration_lock.toml and other top-level files are not migrations
    const folder = rel.slice(0, slash);
    folders.set(folder, [...(folders.get(folder) ?? []), rel.slice(slash + 1)]);
  }
  return folders;
}

function indexTree(repo: Repo): Tree {
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

interface Base {
  commit: string;
  label: string;
}

/**
 * The commit whose migrations must stay unchanged. Defaults: --staged → HEAD (what the commit
 * would change); otherwise origin/main, else main, taken at its merge base with HEAD — so a branch
 * behind main is not blamed for main's newer migrations, and on main itself it is HEAD.
 */
function resolveBase(repo: Repo, explicit: string | undefined, staged: boolean, notices: string[]): Base | null {
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

// ── Validation ────────────────────────────────────────────────────────────────────────────────

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

// ── History ───────────────────────────────────────────────────────────────────────────────────

/** Next to the migrations folder: reviewed changes to landed migrations, each with its reason. */
const HISTORY_EXCEPTIONS = "migration-history-exceptions.json";

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
function checkHistory(repo: Repo, base: Base, exceptionsFile: string, shown: (rel: string) => string): Failure[] {
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
    fix: 'make it a JSON list of { "commit", "file", "reason" } (see README, Database and migrations)',
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

// ── CLI ───────────────────────────────────────────────────────────────────────────────────────

const USAGE = `usage: scripts/validate-migrations.sh [--staged | --history] [--base REF] [--dir DIR]
  --staged    check only migration folders touched in the index, reading the staged content;
              migrations in HEAD must not change
  --history   also walk the base's first-parent history: no commit may modify, rename or delete
              a file of a migration folder (CI; needs a full clone)
  --base REF  migrations in REF (at its merge base with HEAD) must not change
              (default: origin/main, else main; HEAD with --staged)
  --dir DIR   the migrations folder (default: prisma/migrations of this repo)
exit: 0 valid, 1 problems found, 2 usage error`;

export function main(
  argv: string[],
  defaultDir = path.resolve(import.meta.dirname, "../../prisma/migrations"),
): number {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        staged: { type: "boolean" },
        history: { type: "boolean" },
        base: { type: "string" },
        dir: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      log(USAGE);
      return 0;
    }
    if (values.base === "" || values.dir === "") throw new UsageError("--base and --dir need a non-empty value");
    const result = validateMigrations({
      dir: values.dir ?? (path.relative(process.cwd(), defaultDir) || "."),
      staged: values.staged,
      history: values.history,
      base: values.base,
    });
    for (const notice of result.notices) log(`notice: ${notice}`);
    for (const failure of result.failures) log(formatFailure(failure));
    const n = result.failures.length;
    const checked = `${result.checked} migration${result.checked === 1 ? "" : "s"} checked (${result.scope})`;
    log(
      n
        ? `validate-migrations: ${n} problem${n === 1 ? "" : "s"} found, ${checked}`
        : `validate-migrations: OK, ${checked}`,
    );
    return n ? 1 : 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(
      `validate-migrations: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ""}`,
    );
    // Anything unexpected also exits 2 ("could not validate"), never 1, which means "problems found".
    return 2;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
