export { type Failure, formatFailure, type RuleId, UsageError } from "./failure";
export { type MigrationHeader, parseMigrationHeader } from "./header";
export { checkMigrationSql, checkPrismaTable, parseTimestamp } from "./rules";
export { type ValidateOptions, type ValidateResult, validateMigrations } from "./validate";
