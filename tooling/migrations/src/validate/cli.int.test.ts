// End-to-end through the bash wrapper: exit codes, output, and the git-based rules (immutability,
// --staged) in throwaway repositories.

import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@burrow/testing";
import { git, gitTestEnv } from "@burrow/testing/git";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const bin = path.resolve(import.meta.dirname, "../../bin/burrow-migrations.mjs");
const fixtures = path.resolve(import.meta.dirname, "../../fixtures");

const env = gitTestEnv;

function validate(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "validate", ...args], { cwd, env, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr, lines: r.stdout.trim().split("\n") };
}

const M = "prisma/migrations";
const PHOTOS = `${M}/20260101000000_add_photos`;
const CAPTION = `${M}/20260102093000_drop_legacy_caption`;

/** A repo on main whose one commit holds the valid fixture set in prisma/migrations. */
function repo(opts: { commit?: boolean } = {}): string {
  const dir = tempDir("burrow-validate-git-");
  git(dir, "init", "-q", "-b", "main");
  cpSync(path.join(fixtures, "valid"), path.join(dir, M), { recursive: true });
  if (opts.commit !== false) {
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "init");
  }
  return dir;
}

/** Adds a valid migration folder (copy of add_photos with another name). */
function addMigration(dir: string, name: string, sql?: string) {
  cpSync(path.join(fixtures, "valid/20260101000000_add_photos"), path.join(dir, M, name), { recursive: true });
  if (sql !== undefined) writeFileSync(path.join(dir, M, name, "migration.sql"), sql);
}

const NO_TICKET = '-- Purpose: p\n-- Reversible: yes\n-- Rollback:\n--   DROP TABLE "t";\nCREATE TABLE "t" ();\n';

describe("burrow-migrations validate", () => {
  it("passes the repo's own prisma/migrations with default arguments", () => {
    const r = validate(repoRoot);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatch(
      /^validate-migrations: OK, \d+ migrations? checked \(prisma\/migrations, working tree vs /,
    );
  });

  it("passes the repo's own history with --history (every landed migration unchanged or excepted)", () => {
    const r = validate(repoRoot, "--history");
    expect(r.err).toBe("");
    expect(r.lines.at(-1)).toMatch(/^validate-migrations: OK, .* and the history of [0-9a-f]{7}\)$/);
    expect(r.code).toBe(0);
  });

  it("lists every failure with file, rule and fix, a summary line, and exits 1", () => {
    const dir = tempDir("burrow-validate-");
    for (const name of ["timestamp-invalid", "timestamp-future", "header-missing-ticket"])
      cpSync(path.join(fixtures, name), dir, { recursive: true });
    const r = validate(dir, "--dir", ".");
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      "notice: . is not inside a git repository — immutability rule skipped",
      expect.stringMatching(
        /^20260101000000_add_photos\/migration\.sql: \[header-missing\] "-- Ticket:" is missing .* — copy the header block from prisma\/TEMPLATE\.sql/,
      ),
      expect.stringMatching(
        /^20261332000000_add_photos\/: \[timestamp-invalid\] timestamp 20261332000000 .* — use the current UTC time/,
      ),
      expect.stringMatching(/^29990101000000_add_photos\/: \[timestamp-future\] /),
      "validate-migrations: 3 problems found, 3 migrations checked (., working tree)",
    ]);
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--base"], /argument missing/],
    [["extra"], /Unexpected argument 'extra'/],
    [["--dir", "no/such/dir"], /--dir no\/such\/dir: not a directory/],
    [["--base", "no-such-ref"], /--base no-such-ref: no such commit/],
  ])("exits 2 with usage on %j", (args, message) => {
    const r = validate(repo(), ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("usage: burrow-migrations validate [--staged | --history] [--base REF] [--dir DIR]");
  });

  it("resolves a relative --dir from the current directory", () => {
    const r = validate(path.join(repo(), "prisma"), "--dir", "migrations");
    expect(r.code).toBe(0);
    expect(r.out).toContain("(migrations, working tree vs main at");
  });

  it("exits 2 for --staged outside a git repository, 0 for --help", () => {
    const dir = tempDir("burrow-validate-");
    expect(validate(dir, "--staged", "--dir", ".").code).toBe(2);
    expect(validate(dir, "--help")).toMatchObject({
      code: 0,
      out: expect.stringContaining("exit: 0 valid, 1 problems found, 2 usage error"),
    });
  });
});

describe("immutability against the base", () => {
  it("passes on main itself, comparing with HEAD", () => {
    const r = validate(repo(), "--dir", M);
    expect(r.lines).toEqual([
      expect.stringMatching(
        /^validate-migrations: OK, 2 migrations checked \(prisma\/migrations, working tree vs main at [0-9a-f]{7}\)$/,
      ),
    ]);
    expect(r.code).toBe(0);
  });

  it("skips the rule with a notice in a repository without commits", () => {
    const r = validate(repo({ commit: false }), "--dir", M);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe(
      "notice: no base commit (origin/main, main not found, e.g. no commits yet) — immutability rule skipped",
    );
  });

  it("fails when an existing migration is modified in the working tree", () => {
    const dir = repo();
    appendFileSync(path.join(dir, PHOTOS, "migration.sql"), "SELECT 1;\n");
    const r = validate(dir, "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(
      new RegExp(
        `^${PHOTOS}/migration\\.sql: \\[immutable-modified\\] was changed, but this migration is already on main at [0-9a-f]{7} .* — restore it \\(git restore --source=[0-9a-f]{12} --staged --worktree -- ${PHOTOS}/migration\\.sql\\) and put the change in a new migration$`,
      ),
    );
    expect(r.lines).toHaveLength(2);
  });

  it("fails when an existing migration is renamed", () => {
    const dir = repo();
    renameSync(path.join(dir, PHOTOS), path.join(dir, M, "20260105000000_add_photos"));
    const r = validate(dir, "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(
      /^prisma\/migrations\/20260105000000_add_photos\/: \[immutable-renamed\] is "20260101000000_add_photos" renamed, .* — rename it back to "20260101000000_add_photos"$/,
    );
    expect(r.lines).toHaveLength(2);
  });

  it("fails when an existing migration is deleted", () => {
    const dir = repo();
    rmSync(path.join(dir, CAPTION), { recursive: true });
    const r = validate(dir, "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(
      new RegExp(`^${CAPTION}/: \\[immutable-deleted\\] was deleted, but it is already on main at [0-9a-f]{7}`),
    );
    expect(r.lines).toHaveLength(2);
  });

  it("fails a new migration dated before the newest one on the base", () => {
    const dir = repo();
    addMigration(dir, "20260101120000_late_branch");
    const r = validate(dir, "--dir", M);
    expect(r.lines[0]).toMatch(
      /^prisma\/migrations\/20260101120000_late_branch\/: \[timestamp-order\] timestamp 20260101120000 is not after 20260102093000, the newest migration on main/,
    );
    expect(r.code).toBe(1);
  });

  it("on a branch behind main compares with the merge base; a CI clone passes with --base = merge base", () => {
    const dir = repo();
    git(dir, "switch", "-q", "-c", "feature");
    addMigration(dir, "20261101000000_feature");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "feature");
    git(dir, "switch", "-q", "main");
    addMigration(dir, "20261102000000_on_main_later");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "main moves on");
    git(dir, "switch", "-q", "feature");
    // main's newer migration is not "deleted" on the branch: it is not in the merge base.
    expect(validate(dir, "--dir", M)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/vs the merge base of main and HEAD \([0-9a-f]{7}\)\)\n$/),
    });

    const clone = tempDir("burrow-validate-clone-");
    git(clone, "clone", "-q", "-b", "feature", dir, ".");
    const mergeBase = git(clone, "merge-base", "origin/main", "HEAD");
    expect(validate(clone, "--dir", M, "--base", mergeBase).code).toBe(0);
    // The clone has origin/main, which the default prefers over main.
    expect(validate(clone, "--dir", M).out).toContain("vs the merge base of origin/main and HEAD");

    // A branch commit that edits a migration from main fails, committed or not.
    appendFileSync(path.join(dir, PHOTOS, "migration.sql"), "SELECT 1;\n");
    git(dir, "commit", "-q", "-am", "edit an old migration");
    const r = validate(dir, "--dir", M);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${PHOTOS}/migration.sql: [immutable-modified]`);
  });
});

describe("--staged", () => {
  it("checks only folders touched in the index, reading the staged content", () => {
    const dir = repo();
    addMigration(dir, "20261101000000_work_in_progress", "not staged, not valid\n");
    addMigration(dir, "20261102000000_next");
    git(dir, "add", `${M}/20261102000000_next`);
    expect(validate(dir, "--staged", "--dir", M).lines).toEqual([
      expect.stringMatching(
        /^validate-migrations: OK, 1 migration checked \(prisma\/migrations, staged changes vs HEAD at [0-9a-f]{7}\)$/,
      ),
    ]);

    // Stage a header without Ticket, then fix only the working tree: the commit would still lack it.
    writeFileSync(path.join(dir, M, "20261102000000_next/migration.sql"), NO_TICKET);
    git(dir, "add", `${M}/20261102000000_next`);
    addMigration(dir, "20261102000000_next");
    const r = validate(dir, "--staged", "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `${M}/20261102000000_next/migration.sql: [header-missing] "-- Ticket:" is missing from the header comment block — copy the header block from prisma/TEMPLATE.sql to the top of the file and fill it in`,
      expect.stringMatching(/^validate-migrations: 1 problem found, 1 migration checked/),
    ]);
  });

  it("passes a first commit in a new repository", () => {
    const dir = repo({ commit: false });
    git(dir, "add", ".");
    expect(validate(dir, "--staged", "--dir", M).code).toBe(0);
  });

  it.each([
    [
      "modified",
      (dir: string) => appendFileSync(path.join(dir, PHOTOS, "migration.sql"), "SELECT 1;\n"),
      `${PHOTOS}/migration.sql: [immutable-modified]`,
    ],
    [
      "renamed",
      (dir: string) => git(dir, "mv", PHOTOS, `${M}/20261101000000_add_photos`),
      `${M}/20261101000000_add_photos/: [immutable-renamed]`,
    ],
    ["deleted", (dir: string) => git(dir, "rm", "-q", "-r", CAPTION), `${CAPTION}/: [immutable-deleted]`],
  ])("fails a staged change to a migration in HEAD (%s)", (_, change, expected) => {
    const dir = repo();
    change(dir);
    git(dir, "add", "-A");
    const r = validate(dir, "--staged", "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toContain(`${expected} `);
    expect(r.lines[0]).toContain("already on HEAD at");
    expect(r.lines).toHaveLength(2);
  });
});

describe("--history", () => {
  const EXCEPTIONS = "prisma/migration-history-exceptions.json";
  const commitAll = (dir: string, message: string) => {
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", message);
    return git(dir, "rev-parse", "HEAD");
  };

  it("passes a history of additions, merges of branches that fixed their own migration included", () => {
    const dir = repo();
    addMigration(dir, "20260201000000_second");
    commitAll(dir, "second");
    git(dir, "switch", "-q", "-c", "feature");
    addMigration(dir, "20260301000000_feature", NO_TICKET);
    commitAll(dir, "feature, header incomplete");
    addMigration(dir, "20260301000000_feature");
    commitAll(dir, "feature: fix the header before it lands");
    git(dir, "switch", "-q", "main");
    git(dir, "merge", "-q", "--no-ff", "-m", "merge feature", "feature");
    const r = validate(dir, "--history", "--dir", M);
    expect(r.lines).toEqual([
      expect.stringMatching(
        /^validate-migrations: OK, 4 migrations checked \(prisma\/migrations, working tree vs main at [0-9a-f]{7} and the history of [0-9a-f]{7}\)$/,
      ),
    ]);
    expect(r.code).toBe(0);
  });

  it("fails when a commit on main edited an applied migration, even though the tree matches HEAD", () => {
    const dir = repo();
    appendFileSync(path.join(dir, PHOTOS, "migration.sql"), "SELECT 1;\n");
    const edit = commitAll(dir, "tweak add_photos");
    addMigration(dir, "20260201000000_later");
    commitAll(dir, "later work");
    // The tree-vs-base rule cannot see it: the edit is in the base itself.
    expect(validate(dir, "--dir", M).code).toBe(0);
    const r = validate(dir, "--history", "--dir", M);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${PHOTOS}/migration\\.sql: \\[history-modified\\] was changed by commit ${edit.slice(0, 7)} \\(tweak add_photos\\) after it landed in [0-9a-f]{7} \\(init\\); databases that ran it differ from new ones — history cannot be undone: .* then record \\{ "commit": "${edit}", "file": "20260101000000_add_photos/migration\\.sql", "reason": … \\} in prisma/migration-history-exceptions\\.json$`,
        ),
      ),
      expect.stringMatching(/^validate-migrations: 1 problem found/),
    ]);
  });

  it("fails when a commit renamed or deleted an applied migration", () => {
    const dir = repo();
    git(dir, "mv", PHOTOS, `${M}/20260105000000_add_photos`);
    const rename = commitAll(dir, "rename");
    git(dir, "rm", "-q", "-r", CAPTION);
    const del = commitAll(dir, "delete");
    const r = validate(dir, "--history", "--dir", M, "--base", "HEAD");
    expect(r.code).toBe(1);
    expect(r.lines.slice(0, 2)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${CAPTION}/migration\\.sql: \\[history-deleted\\] was deleted by commit ${del.slice(0, 7)} \\(delete\\) after it landed in`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${PHOTOS}/migration\\.sql: \\[history-renamed\\] was renamed to 20260105000000_add_photos/migration\\.sql by commit ${rename.slice(0, 7)} \\(rename\\)`,
        ),
      ),
    ]);
  });

  it("accepts a recorded exception for exactly that change, and fails stale or malformed entries", () => {
    const dir = repo();
    appendFileSync(path.join(dir, PHOTOS, "migration.sql"), "SELECT 1;\n");
    const edit = commitAll(dir, "tweak add_photos");
    const entry = { commit: edit, file: "20260101000000_add_photos/migration.sql", reason: "no database ran it yet" };
    writeFileSync(path.join(dir, EXCEPTIONS), JSON.stringify([entry]));
    expect(validate(dir, "--history", "--dir", M).code).toBe(0);

    writeFileSync(
      path.join(dir, EXCEPTIONS),
      JSON.stringify([{ ...entry, file: "20260102093000_drop_legacy_caption/migration.sql" }]),
    );
    const stale = validate(dir, "--history", "--dir", M);
    expect(stale.code).toBe(1);
    expect(stale.lines).toEqual([
      expect.stringMatching(/^prisma\/migrations\/20260101000000_add_photos\/migration\.sql: \[history-modified\] /),
      expect.stringMatching(
        /^prisma\/migration-history-exceptions\.json: \[history-exception-unused\] no commit in the history of [0-9a-f]{7} changes 20260102093000_drop_legacy_caption\/migration\.sql in [0-9a-f]{12} — remove the entry/,
      ),
      expect.stringMatching(/^validate-migrations: 2 problems found/),
    ]);

    writeFileSync(path.join(dir, EXCEPTIONS), JSON.stringify([{ ...entry, commit: edit.slice(0, 7), reason: "" }]));
    expect(validate(dir, "--history", "--dir", M).lines[0]).toMatch(
      /^prisma\/migration-history-exceptions\.json: \[history-exception-unused\] cannot be used: 0\.commit: a full 40-character commit id; 0\.reason: say why/,
    );
  });

  it("refuses a shallow clone (exit 2) and --staged together with --history", () => {
    const dir = repo();
    addMigration(dir, "20260201000000_second");
    commitAll(dir, "second");
    const clone = tempDir("burrow-validate-shallow-");
    git(clone, "clone", "-q", "--depth", "1", `file://${dir}`, ".");
    const shallow = validate(clone, "--history", "--dir", M);
    expect(shallow.code).toBe(2);
    expect(shallow.err).toContain("--history needs the full history, but this clone is shallow: git fetch --unshallow");
    const both = validate(dir, "--history", "--staged", "--dir", M);
    expect(both.code).toBe(2);
    expect(both.err).toContain("--history and --staged do not go together");
  });
});
