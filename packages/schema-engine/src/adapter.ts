// The driver adapter the WebAssembly schema engine runs on: @prisma/adapter-pg, corrected where the
// engine needs what adapter-pg 7.10 does not do (each fix below names the failure it prevents).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parse } from "pg-connection-string";

export interface Datasource {
  url: string;
  shadowDatabaseUrl?: string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Discrete connection settings, never a `connectionString`: pg lets a connection string override
 * `database`, so adapter-pg's `{ ...config, database: shadow }` would quietly reuse the main database.
 * Prisma's `?schema=` becomes the search path, as the native engine sets it.
 */
export function connectionConfig(url: string): pg.PoolConfig & { schema: string } {
  const parsed = parse(url);
  const schema = new URL(url).searchParams.get("schema") || "public";
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user ? decodeURIComponent(parsed.user) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.database ?? undefined,
    ssl: parsed.ssl as pg.PoolConfig["ssl"],
    options: `-c search_path=${quoteIdent(schema)}`,
    application_name: "burrow-schema-engine",
    max: 4,
    schema,
  };
}

/** Columns of PostgreSQL's one-byte `"char"` type (oid 18) per result, which adapter-pg cannot map. */
const charColumns = new WeakMap<unknown[], number[]>();
const CHAR_OID = 18;
const TEXT_OID = 25;

interface FieldsAndRows {
  fields?: { dataTypeID: number }[];
  rows?: unknown[];
}

function noteCharColumns<T>(result: T): T {
  const { fields, rows } = (result ?? {}) as FieldsAndRows;
  if (!fields || !rows) return result;
  const indexes = fields.flatMap((f, i) => (f.dataTypeID === CHAR_OID ? [i] : []));
  if (indexes.length === 0) return result;
  for (const i of indexes) (fields[i] as { dataTypeID: number }).dataTypeID = TEXT_OID;
  charColumns.set(rows, indexes);
  return result;
}

type Queryable = { query: (...args: never[]) => Promise<unknown> };

/** Wraps `query` (and the clients `connect` hands out, for transactions) to note `"char"` columns. */
function charAware<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === "query" && typeof value === "function") {
        return async (...args: unknown[]) => noteCharColumns(await value.apply(obj, args));
      }
      if (prop === "connect" && typeof value === "function" && obj instanceof pg.Pool) {
        return async () => charAware(await value.apply(obj, []));
      }
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}

function withCharType(result: SqlResultSet): SqlResultSet {
  const indexes = charColumns.get(result.rows);
  if (indexes) for (const i of indexes) result.columnTypes[i] = ColumnTypeEnum.Character;
  return result;
}

/** A PostgreSQL error as the engine reports it ("Database error code: …" with the server's message). */
function asAdapterError(e: unknown): unknown {
  if (!(e instanceof pg.DatabaseError)) return e;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code ?? "XX000",
    severity: e.severity ?? "ERROR",
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

/**
 * adapter-pg's adapter with two corrections:
 * - `"char"` columns (e.g. `pg_constraint.contype`) reach the engine as Character: adapter-pg
 *   refuses them, and reported as text the engine panics.
 * - a script runs as ONE simple-protocol query, as the native engine sends a migration: adapter-pg
 *   splits on every `;`, including those in comments and function bodies.
 */
async function correctedAdapter(config: pg.PoolConfig, schema: string, dispose?: () => Promise<void>) {
  const pool = charAware(new pg.Pool(config));
  const inner = await new PrismaPg(pool, { schema }).connect();
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: async (query: SqlQuery) => withCharType(await inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => inner.executeRaw(query),
    startTransaction: async (isolationLevel) => {
      const tx = await inner.startTransaction(isolationLevel);
      return Object.assign(Object.create(tx), {
        queryRaw: async (query: SqlQuery) => withCharType(await tx.queryRaw(query)),
      });
    },
    executeScript: async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        throw asAdapterError(e);
      }
    },
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { schemaName: schema, supportsRelationJoins: true },
    dispose: async () => {
      await pool.end();
      await dispose?.();
    },
  };
  return adapter;
}

/**
 * The engine's view of the datasource: the main database, and a shadow database that is either the
 * configured `shadowDatabaseUrl` or a temporary one this process creates and force-drops itself
 * (adapter-pg drops its own while its pool is still open, which fails and leaves it behind).
 */
export function adapterFactory(datasource: Datasource): SqlMigrationAwareDriverAdapterFactory {
  const { schema, ...main } = connectionConfig(datasource.url);
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => correctedAdapter(main, schema),
    connectToShadowDb: async () => {
      if (datasource.shadowDatabaseUrl) {
        const { schema: shadowSchema, ...shadow } = connectionConfig(datasource.shadowDatabaseUrl);
        return correctedAdapter(shadow, shadowSchema);
      }
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      const admin = new pg.Client(main);
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
      } finally {
        await admin.end();
      }
      return correctedAdapter({ ...main, database }, schema, async () => {
        const dropper = new pg.Client(main);
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      });
    },
  };
}
