// `burrow-migrations validate [--staged | --history] [--base REF] [--dir DIR]`.
import path from "node:path";
import { parseArgs } from "node:util";
import { migrationsDir } from "../paths";
import { formatFailure, UsageError } from "./failure";
import { validateMigrations } from "./validate";

const USAGE = `usage: burrow-migrations validate [--staged | --history] [--base REF] [--dir DIR]
  --staged    check only migration folders touched in the index, reading the staged content;
              migrations in HEAD must not change
  --history   also walk the base's first-parent history: no commit may modify, rename or delete
              a file of a migration folder (CI; needs a full clone)
  --base REF  migrations in REF (at its merge base with HEAD) must not change
              (default: origin/main, else main; HEAD with --staged)
  --dir DIR   the migrations folder (default: prisma/migrations of this repo)
exit: 0 valid, 1 problems found, 2 usage error`;

export function validateCommand(argv: string[], defaultDir = migrationsDir): number {
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
