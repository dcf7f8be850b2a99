// What a validation rule reports, and the error for bad command-line use.
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
