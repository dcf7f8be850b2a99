// Rules for one migration folder: its migration.sql bytes, Prisma's own table, its name and timestamp.
import type { Failure } from "./failure";
import { checkHeader } from "./header";

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
export const FRESH_STAMP = "use the current UTC time: date -u +%Y%m%d%H%M%S";

/** The folder's UTC timestamp, or null if it is not a real calendar date and time. */
export function parseTimestamp(ts: string): Date | null {
  const n = (from: number, len: number) => Number(ts.slice(from, from + len));
  const date = new Date(Date.UTC(n(0, 4), n(4, 2) - 1, n(6, 2), n(8, 2), n(10, 2), n(12, 2)));
  // Date.UTC rolls overflow forward (month 13 → next January); a real timestamp round-trips unchanged.
  return /^\d{14}$/.test(ts) && !Number.isNaN(date.getTime()) && utcStamp(date) === ts ? date : null;
}

export function checkFolderName(folder: string, file: string, now: Date): Failure[] {
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
