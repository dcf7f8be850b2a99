// The header block every migration.sql starts with (prisma/TEMPLATE.sql): Purpose, Ticket,
// Reversible and Rollback. parseMigrationHeader is reused by the rollback drill.
import type { Failure, RuleId } from "./failure";

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

export function checkHeader(sql: string, file: string): Failure[] {
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
