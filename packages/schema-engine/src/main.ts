// `burrow-schema-engine`: what the Prisma CLI starts when PRISMA_SCHEMA_ENGINE_BINARY names it. It
// speaks the native engine's interface (arguments, JSON-RPC 2.0 one object per line on stdin/stdout,
// JSON log lines on stderr) and forwards every request to the WebAssembly build of the same engine.
import { readFileSync } from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { z } from "zod";
import { adapterFactory, connectionConfig, type Datasource } from "./adapter";
import { engineCommit, versionMismatch } from "./version";
import { createEngine, panicMessage, type SchemaEngine, wasmEngineVersion } from "./wasm";

const DatasourceArg = z.object({ url: z.string().min(1), shadowDatabaseUrl: z.string().min(1).optional() });

/** A log line the CLI understands (it keeps the last ERROR's message and error_code). */
function logLine(level: "INFO" | "ERROR", message: string, errorCode?: string) {
  const fields = errorCode ? { message, error_code: errorCode } : { message };
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" })}\n`,
  );
}

function fail(message: string, errorCode?: string): never {
  logLine("ERROR", message, errorCode);
  process.exit(1);
}

/** The user-facing error the native engine gives for a connection failure (P1000/P1001/P1003). */
function connectionError(e: unknown, cfg: pg.ClientConfig): { code: string; message: string } {
  const where = `${cfg.host ?? "localhost"}:${cfg.port ?? 5432}`;
  const code = (e as { code?: string }).code;
  if (code === "3D000")
    return {
      code: "P1003",
      message: `Database \`${cfg.database}\` does not exist on the database server at \`${where}\`.`,
    };
  if (code === "28P01" || code === "28000") {
    return {
      code: "P1000",
      message: `Authentication failed against database server at \`${where}\`, the provided database credentials for \`${cfg.user}\` are not valid.`,
    };
  }
  return {
    code: "P1001",
    message: `Can't reach database server at \`${where}\`\n\nPlease make sure your database server is running at \`${where}\`. (${(e as Error).message})`,
  };
}

async function canConnect(url: string): Promise<{ code: string; message: string } | null> {
  const { schema: _, ...cfg } = connectionConfig(url);
  const client = new pg.Client({ ...cfg, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return null;
  } catch (e) {
    return connectionError(e, cfg);
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabase(url: string): Promise<string> {
  const { schema: _, ...cfg } = connectionConfig(url);
  const client = new pg.Client({ ...cfg, database: "postgres" });
  try {
    await client.connect();
  } catch (e) {
    const { code, message } = connectionError(e, cfg);
    throw Object.assign(new Error(message), { errorCode: code });
  }
  try {
    await client.query(`CREATE DATABASE "${(cfg.database ?? "").replaceAll('"', '""')}"`);
  } catch (e) {
    if ((e as { code?: string }).code !== "42P04") throw e;
  } finally {
    await client.end();
  }
  return cfg.database ?? "";
}

/** The id of a JSON-RPC response (to one of our requests), or undefined for a request. */
function answerTo(line: string): string | undefined {
  try {
    const message = JSON.parse(line) as { id?: unknown; method?: unknown };
    return message.method === undefined && typeof message.id === "string" ? message.id : undefined;
  } catch {
    return undefined;
  }
}

interface RpcRequest {
  id: number | string;
  method: string;
  params?: Record<string, unknown>;
}

/**
 * The engine's message without its span trace ("   0: schema_engine…"), and a failed migration
 * reported as the native engine does (P3018 with the migration's name and the database's error)
 * instead of the WebAssembly build's "external connector error".
 */
export function tidyEngineError(raw: string): { message: string; errorCode?: string } {
  const text = raw.split(/\n\s+0: /)[0]?.trim() ?? raw;
  const migration = /migration_name="([^"]+)"/.exec(raw)?.[1];
  const cause = /^external connector error\n(?:Error querying the database: )?([\s\S]*)$/.exec(text)?.[1];
  if (migration && cause && /apply_migration/.test(raw)) {
    return {
      errorCode: "P3018",
      message:
        "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
        "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve" +
        `\n\nMigration name: ${migration}\n\nDatabase error:\n${cause.trim()}`,
    };
  }
  return { message: text.replace(/^Error: /, "") };
}

/** Errors in the shape the native engine sends, so the CLI prints them the same way. */
function rpcError(e: unknown) {
  const err = (e ?? {}) as {
    message?: string;
    error_code?: string;
    errorCode?: string;
    meta?: unknown;
    is_panic?: boolean;
  };
  const panic = panicMessage(e);
  const isPanic = panic !== null || err.is_panic === true;
  const tidy = panic === null ? tidyEngineError(err.message ?? String(e)) : { message: panic };
  const message = tidy.message;
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: isPanic,
      message,
      meta: err.meta ?? null,
      error_code: err.error_code ?? err.errorCode ?? tidy.errorCode ?? null,
      ...(isPanic ? { error: { message } } : {}),
    },
  };
}

class Forwarder {
  #diagnosed = false;
  #warmedUp = false;

  constructor(
    private readonly engine: SchemaEngine,
    private readonly datasource: Datasource,
    private readonly datamodels: [string, string][],
    /** Asks the CLI to print on its stdout (where `migrate diff --output` can capture it). */
    private readonly print: (content: string) => Promise<void>,
  ) {}

  /**
   * The WebAssembly engine applies the schema's previewFeatures to its connector only after one
   * read-only diff from the configured datasource; without it, e.g. partial indexes are ignored.
   */
  async #warmUp() {
    if (this.#warmedUp) return;
    this.#warmedUp = true;
    if (!this.datamodels.some(([, content]) => /\bpreviewFeatures\b/.test(content))) return;
    await this.engine.diff({
      from: {
        tag: "schemaDatasource",
        files: this.datamodels.map(([path, content]) => ({ path, content })),
        configDir: process.cwd(),
      },
      to: { tag: "empty" },
      script: false,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
  }

  async handle(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    await this.#warmUp();
    const engine = this.engine as unknown as Record<string, (p?: unknown) => Promise<unknown>>;
    switch (method) {
      case "getDatabaseVersion":
        return this.engine.version(params as never);
      case "createDatabase":
        return { databaseName: await createDatabase(this.datasource.url) };
      case "diff": {
        // The WebAssembly engine returns the diff; the native one sends it to the CLI to print.
        const { exitCode, stdout } = await this.engine.diff(params as never);
        if (stdout) await this.print(stdout);
        return { exitCode, stdout: null };
      }
      case "diagnoseMigrationHistory":
        this.#diagnosed = true;
        return this.engine.diagnoseMigrationHistory(params as never);
      case "evaluateDataLoss":
      case "createMigration":
        // The WebAssembly engine only gets a shadow database for these once it has diagnosed the
        // history with one ("PostgreSQL shadow DB must be provided through an external factory").
        if (!this.#diagnosed) {
          await this.engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList as never,
            optInToShadowDatabase: true,
            filters: (params.filters as never) ?? { externalTables: [], externalEnums: [] },
          });
          this.#diagnosed = true;
        }
        return engine[method]?.call(this.engine, params);
      default: {
        const fn = engine[method];
        if (typeof fn !== "function" || method === "free" || method.startsWith("_")) {
          throw new Error(`The WebAssembly schema engine has no method "${method}".`);
        }
        return fn.call(this.engine, params);
      }
    }
  }
}

/**
 * What the engine starts with when the CLI passes no schema (e.g. `migrate diff`): the WebAssembly
 * engine panics without a datasource block, where the native one takes its provider from the URL.
 */
const bareDatasource: [string, string] = ["schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n'];

async function serve(datasource: Datasource, datamodelPaths: string[]) {
  const datamodels = datamodelPaths.length
    ? datamodelPaths.map((p): [string, string] => [p, readFileSync(p, "utf8")])
    : [bareDatasource];
  const engine = await createEngine(
    datamodels,
    (line: string) => process.stderr.write(`${line}\n`),
    bindMigrationAwareSqlAdapterFactory(adapterFactory(datasource)),
  );
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  // Requests this process sends the CLI ("print"), answered on stdin while a request is in flight.
  const awaiting = new Map<string, () => void>();
  let printed = 0;
  const print = (content: string) =>
    new Promise<void>((resolve) => {
      const id = `print-${++printed}`;
      awaiting.set(id, resolve);
      process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, method: "print", params: { content } })}\n`);
    });
  const forwarder = new Forwarder(engine, datasource, datamodels, print);
  // One request at a time, in order, as the native engine answers them.
  let queue = Promise.resolve();
  let current: RpcRequest["id"] | null = null;
  // A Rust panic traps inside a callback the engine scheduled, outside any request's promise: answer
  // the request in flight as the native engine does (is_panic) and exit like it (101).
  process.on("uncaughtException", (e) => {
    const panic = panicMessage(e);
    logLine("ERROR", panic ?? String(e));
    const reply = { jsonrpc: "2.0", id: current, error: rpcError(e) };
    process.stdout.write(`${JSON.stringify(reply)}\n`, () => process.exit(panic === null ? 1 : 101));
  });
  input.on("line", (line) => {
    if (!line.trim()) return;
    const answered = answerTo(line);
    if (answered) {
      awaiting.get(answered)?.();
      awaiting.delete(answered);
      return;
    }
    queue = queue.then(async () => {
      let request: RpcRequest;
      try {
        request = JSON.parse(line);
      } catch {
        process.stdout.write(
          `${JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } })}\n`,
        );
        return;
      }
      current = request.id;
      try {
        const result = await forwarder.handle(request.method, request.params);
        process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: request.id, result: result ?? null })}\n`);
      } catch (e) {
        process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: request.id, error: rpcError(e) })}\n`);
        // After a panic the WebAssembly instance is unusable; the native engine exits with 101 too.
        if (panicMessage(e) !== null) process.stdout.write("", () => process.exit(101));
      }
    });
  });
  input.on("close", () => {
    queue.then(() => process.exit(0));
  });
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      datamodels: { type: "string", multiple: true },
      datasource: { type: "string" },
      version: { type: "boolean", short: "V" },
    },
  });
  if (values.version) {
    console.log(`schema-engine-cli ${engineCommit(wasmEngineVersion())}`);
    return;
  }
  const mismatch = versionMismatch();
  if (mismatch) fail(mismatch);

  let datasource: Datasource | undefined;
  if (typeof values.datasource === "string") {
    const parsed = DatasourceArg.safeParse(JSON.parse(values.datasource));
    if (!parsed.success) fail("--datasource needs a JSON object with a non-empty url");
    datasource = parsed.data;
  }
  if (!datasource) fail("No datasource URL: set DATABASE_URL (prisma.config.ts passes it as datasource.url).", "P1012");
  if (!/^postgres(ql)?:\/\//.test(datasource.url))
    fail("This launcher only serves PostgreSQL URLs (postgresql://…).", "P1013");

  if (positionals[0] === "cli") {
    // The CLI skips the first stderr line of a `cli` command (the native engine's start-up line).
    logLine("INFO", `Starting schema engine (WebAssembly ${wasmEngineVersion()})`);
    const command = positionals[1];
    if (command === "can-connect-to-database") {
      const error = await canConnect(datasource.url);
      if (error) fail(error.message, error.code);
      return;
    }
    if (command === "create-database") {
      try {
        await createDatabase(datasource.url);
      } catch (e) {
        fail((e as Error).message, (e as { errorCode?: string }).errorCode);
      }
      return;
    }
    fail(`Unsupported engine command "cli ${command ?? ""}".`);
  }
  const datamodels = values.datamodels;
  await serve(
    datasource,
    Array.isArray(datamodels) ? datamodels.filter((d): d is string => typeof d === "string") : [],
  );
}
