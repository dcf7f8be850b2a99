import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@burrow/testing";
import { describe, expect, it } from "vitest";
import {
  type Failure,
  formatFailure,
  parseMigrationHeader,
  parseTimestamp,
  type RuleId,
  validateMigrations,
} from "./index";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
const now = new Date("2026-11-28T12:00:00Z");

/** A copy of a fixture set outside git, so only the file rules apply (immutability is tested in the int test). */
function fixture(...names: string[]): string {
  const dir = tempDir("burrow-validate-");
  for (const name of names) cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

const validate = (dir: string) => validateMigrations({ dir, now });
const rel = (dir: string, f: Failure) => path.relative(dir, path.resolve(f.file)).split(path.sep).join("/");

describe("parseMigrationHeader", () => {
  it("reads the init migration, with its rollback SQL ready to run", () => {
    const sql = readFileSync(path.join(repoRoot, "prisma/migrations/20261128010000_init/migration.sql"), "utf8");
    const h = parseMigrationHeader(sql);
    expect(h.purpose).toMatch(
      /^create the identity schema .* \(listings, bookings\) with the exclusion constraint .*impossible\.$/,
    );
    expect(h.ticket).toBe("#3");
    expect(h.reversible).toBe("yes");
    expect(h.rollbackSql).toEqual([
      'DROP SCHEMA "pets" CASCADE;',
      'DROP SCHEMA "identity" CASCADE;',
      'DROP EXTENSION IF EXISTS "btree_gist";',
    ]);
  });

  it("stops the rollback at an unindented comment, so the template's notes never become SQL", () => {
    const h = parseMigrationHeader(readFileSync(path.join(repoRoot, "prisma/TEMPLATE.sql"), "utf8"));
    expect(h.reversible).toBe("<yes|no>");
    expect(h.rollback).toEqual([
      "<the SQL that undoes this migration, commented out, one statement per line;",
      "or, when Reversible is no, why it cannot be undone>",
    ]);
    expect(h.rollbackSql).toEqual([]);
  });

  it("tolerates BOM and CRLF, keeps inline rollback text, ends it at an unindented comment, and gives no rollbackSql unless Reversible is yes", () => {
    const h = parseMigrationHeader(
      "\uFEFF-- Purpose: p\r\n-- Ticket: #1\r\n-- Reversible: no\r\n-- Rollback: data is dropped\r\n--   for good\r\n-- (a note, not part of the rollback)\r\nSELECT 1;\r\n",
    );
    expect(h).toEqual({
      purpose: "p",
      ticket: "#1",
      reversible: "no",
      rollback: ["data is dropped", "for good"],
      rollbackSql: [],
    });
  });

  it("only reads the leading comment block: headers after the first SQL line are missing", () => {
    const h = parseMigrationHeader("-- Purpose: p\nSELECT 1;\n-- Ticket: #1\n");
    expect(h.purpose).toBe("p");
    expect(h.ticket).toBeNull();
    expect(h.rollback).toBeNull();
  });
});

describe("parseTimestamp", () => {
  it("accepts real UTC times, including Feb 29 of a leap year", () => {
    expect(parseTimestamp("20240229235959")?.toISOString()).toBe("2024-02-29T23:59:59.000Z");
  });
  it.each([
    "20261332000000",
    "20250229000000",
    "20260431000000",
    "20260101240000",
    "20260101006000",
    "20260101000060",
    "00000000000000",
  ])("rejects %s", (ts) => {
    expect(parseTimestamp(ts)).toBeNull();
  });
});

// One fixture set per rule; each must produce exactly that one failure, so a rule that stops firing
// (or a fixture that starts breaking two rules) fails here.
const cases: [fixture: string, rule: RuleId, file: string, message: RegExp][] = [
  [
    "folder-name",
    "folder-name",
    "20260101000000_Add-Photos",
    /folder name "20260101000000_Add-Photos" is not <YYYYMMDDHHMMSS>_<snake_case>.*rename it, e.g. to "20260101000000_add_photos"/,
  ],
  [
    "timestamp-invalid",
    "timestamp-invalid",
    "20261332000000_add_photos",
    /timestamp 20261332000000 \(2026-13-32 00:00:00 UTC\) is not a real date and time — use the current UTC time/,
  ],
  [
    "timestamp-future",
    "timestamp-future",
    "29990101000000_add_photos",
    /timestamp 29990101000000 .* is in the future \(now 2026-11-28 12:00:00 UTC\)/,
  ],
  [
    "timestamp-order",
    "timestamp-order",
    "20260101000000_add_photos",
    /timestamp 20260101000000 is also used by "20260101000000_add_photo_captions"; timestamps must strictly increase/,
  ],
  [
    "sql-missing",
    "sql-missing",
    "20260101000000_add_photos",
    /has no migration\.sql \(found: up\.sql\).* — copy prisma\/TEMPLATE\.sql/,
  ],
  ["sql-empty", "sql-empty", "20260101000000_add_photos/migration.sql", /migration\.sql is empty/],
  [
    "encoding-bom",
    "encoding-bom",
    "20260101000000_add_photos/migration.sql",
    /byte order mark \(BOM\) — save it as UTF-8 without BOM/,
  ],
  [
    "encoding-utf8",
    "encoding-utf8",
    "20260101000000_add_photos/migration.sql",
    /is not valid UTF-8 \(first bad byte on line 8\)/,
  ],
  [
    "line-endings",
    "line-endings",
    "20260101000000_add_photos/migration.sql",
    /CRLF.* on 7 lines; migrations use LF — convert it with sed -i 's\/\\r\$\/\/'/,
  ],
  [
    "header-missing-purpose",
    "header-missing",
    "20260101000000_add_photos/migration.sql",
    /"-- Purpose:" is missing .* — copy the header block from prisma\/TEMPLATE\.sql/,
  ],
  [
    "header-missing-ticket",
    "header-missing",
    "20260101000000_add_photos/migration.sql",
    /"-- Ticket:" is missing .* — copy the header block from prisma\/TEMPLATE\.sql/,
  ],
  [
    "header-missing-reversible",
    "header-missing",
    "20260101000000_add_photos/migration.sql",
    /"-- Reversible:" is missing/,
  ],
  ["header-missing-rollback", "header-missing", "20260101000000_add_photos/migration.sql", /"-- Rollback:" is missing/],
  [
    "header-empty",
    "header-empty",
    "20260101000000_add_photos/migration.sql",
    /"-- Ticket:" is empty — fill it in, e.g. "-- Ticket: #5"/,
  ],
  [
    "reversible-value",
    "reversible-value",
    "20260101000000_add_photos/migration.sql",
    /"-- Reversible:" is "maybe", expected exactly "yes" or "no"/,
  ],
  [
    "rollback-sql",
    "rollback-sql",
    "20260101000000_add_photos/migration.sql",
    /"Reversible: yes" but there is no rollback SQL under "-- Rollback:"/,
  ],
  [
    "rollback-reason",
    "rollback-reason",
    "20260101000000_drop_legacy_caption/migration.sql",
    /"Reversible: no" but "-- Rollback:" does not say why/,
  ],
  [
    "prisma-migrations-table",
    "prisma-migrations-table",
    "20260101000000_grant_migration_level/migration.sql",
    /references _prisma_migrations, which Prisma's shadow database does not have/,
  ],
];

describe("validateMigrations on fixtures", () => {
  it.each(cases)("%s fails with [%s] only", (name, rule, file, message) => {
    const dir = fixture(name);
    const { failures } = validate(dir);
    expect(failures.map((f) => [rel(dir, f).replace(/\/$/, ""), f.rule])).toEqual([[file, rule]]);
    expect(formatFailure(failures[0] as Failure)).toMatch(message);
    expect(formatFailure(failures[0] as Failure)).toContain(`${failures[0]?.file}: [${rule}] `);
  });

  it("passes the valid set (outside git: the immutability rule is skipped with a notice)", () => {
    const result = validate(fixture("valid"));
    expect(result.failures).toEqual([]);
    expect(result.checked).toBe(2);
    expect(result.notices.join("\n")).toMatch(/not inside a git repository — immutability rule skipped/);
  });

  it("lists every failure, not just the first", () => {
    const rules = validate(
      fixture("folder-name", "timestamp-future", "header-missing-ticket", "rollback-reason"),
    ).failures.map((f) => f.rule);
    // Three of those folders share the timestamp 20260101000000, so the two later ones also break the order.
    expect(rules.sort()).toEqual([
      "folder-name",
      "header-missing",
      "rollback-reason",
      "timestamp-future",
      "timestamp-order",
      "timestamp-order",
    ]);
  });

  it("rejects a rollback that is prose rather than SQL, and template placeholders", () => {
    const check = (sql: string) => validate(withOne(sql)).failures.map((f) => `${f.rule}: ${f.message}`);
    expect(
      check("-- Purpose: p\n-- Ticket: #1\n-- Reversible: yes\n-- Rollback:\n--   just drop the table\nSELECT 1;\n"),
    ).toEqual([expect.stringMatching(/^rollback-sql: .*does not end with ";"/)]);
    expect(check(readFileSync(path.join(repoRoot, "prisma/TEMPLATE.sql"), "utf8"))).toEqual([
      expect.stringMatching(/^header-empty: "-- Purpose:" is still the template placeholder/),
      expect.stringMatching(/^header-empty: "-- Ticket:" is still the template placeholder/),
      expect.stringMatching(/^reversible-value: "-- Reversible:" is "<yes\|no>"/),
    ]);
  });

  it("finds _prisma_migrations in statements only, not in comments", () => {
    const header = "-- Purpose: p\n-- Ticket: #1\n-- Reversible: no\n-- Rollback:\n--   not needed\n";
    const rules = (body: string) => validate(withOne(header + body)).failures.map((f) => f.rule);
    expect(rules("-- reads _prisma_migrations later\n/* _prisma_migrations */ SELECT 1;\n")).toEqual([]);
    expect(rules("SELECT count(*) FROM public._PRISMA_MIGRATIONS;\n")).toEqual(["prisma-migrations-table"]);
  });

  it("passes the repo's own prisma/migrations", () => {
    const result = validateMigrations({ dir: path.join(repoRoot, "prisma/migrations") });
    expect(result.failures.map(formatFailure)).toEqual([]);
    expect(result.checked).toBeGreaterThan(0);
  });
});

/** A migrations set outside git holding one migration with this SQL. */
function withOne(sql: string): string {
  const dir = tempDir("burrow-validate-");
  mkdirSync(path.join(dir, "20260301000000_one"));
  writeFileSync(path.join(dir, "20260301000000_one/migration.sql"), sql);
  return dir;
}
