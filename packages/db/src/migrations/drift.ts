// `pnpm db:check`: proves prisma/migrations produce exactly the schema schema.prisma describes,
// without Prisma's schema engine (it cannot be downloaded here). The migrations are applied to a
// scratch database, its catalog is read back, and it is compared with the model Prisma Migrate
// would create from schema.prisma's DMMF (names, types, defaults and referential actions as
// prisma-engines' SQL schema calculator and PostgreSQL renderer produce them). Objects Prisma
// cannot express must be allow-listed by name in prisma/drift-allowlist.json.
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { type GetDMMFError, getDMMF } from "@prisma/get-dmmf";
import pg from "pg";
import { z } from "zod";
import { parseToolEnv, type ToolEnv } from "../env";
import { createScratchDatabase } from "../testing";
import { deploy, splitDatabaseUrl } from "./applier";
import { datasourceSchemas } from "./files";
import { repoPrismaDir } from "./paths";

// ───────────────────────────── model ─────────────────────────────

export interface Column {
  name: string;
  /** As PostgreSQL's format_type prints it; enums as `"schema"."Name"`, lists with `[]`. */
  type: string;
  notNull: boolean;
  /** Canonical default (see canonicalDefault), null when none. */
  default: string | null;
}
export interface Index {
  name: string;
  /** Column names in key order, `name DESC` for descending keys. */
  columns: string[];
  unique: boolean;
  /** Access method: btree, hash, gist, gin, spgist, brin. */
  method: string;
}
export interface ForeignKey {
  name: string;
  columns: string[];
  /** `schema.table` */
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}
export interface Table {
  schema: string;
  name: string;
  columns: Column[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: Index[];
  foreignKeys: ForeignKey[];
}
export interface Enum {
  schema: string;
  name: string;
  values: string[];
}
export interface SchemaModel {
  tables: Table[];
  enums: Enum[];
}

/** What Prisma cannot express; such objects must be allow-listed by name. */
const UNMODELLED_KINDS = ["check", "exclusion", "trigger", "index", "extension"] as const;
export type UnmodelledKind = (typeof UNMODELLED_KINDS)[number];
const KIND_LABEL: Record<UnmodelledKind, string> = {
  check: "CHECK constraint",
  exclusion: "exclusion constraint",
  trigger: "trigger",
  index: "partial or expression index",
  extension: "extension",
};
/** `schema.table.name` (extensions: just the name). */
export interface Unmodelled {
  kind: UnmodelledKind;
  name: string;
}
/** The scratch database after the migrations: the comparable model plus what Prisma cannot express. */
export interface Catalog extends SchemaModel {
  unmodelled: Unmodelled[];
}

const allowlistFile = z.object({
  allow: z.array(z.object({ kind: z.enum(UNMODELLED_KINDS), name: z.string().min(1), why: z.string().min(1) })),
});
export type AllowEntry = z.infer<typeof allowlistFile>["allow"][number];

export type DifferenceKind =
  | "missing-table"
  | "extra-table"
  | "missing-column"
  | "extra-column"
  | "column-type"
  | "column-nullability"
  | "column-default"
  | "primary-key"
  | "missing-index"
  | "extra-index"
  | "missing-unique"
  | "extra-unique"
  | "index-definition"
  | "missing-foreign-key"
  | "extra-foreign-key"
  | "foreign-key-definition"
  | "missing-enum"
  | "extra-enum"
  | "enum-values"
  | "not-allowlisted"
  | "stale-allowlist"
  | "prisma-migrate-diff";

export interface Difference {
  kind: DifferenceKind;
  /** `schema.table`, `schema.table.column`, `schema.table.constraint`, `schema.Enum`, or an extension name. */
  object: string;
  /** What schema.prisma (or the allow-list) expects; null: nothing. */
  expected: string | null;
  /** What the migrations produce; null: nothing. */
  actual: string | null;
  /** The SQL (for a new migration) or edit that removes the difference. */
  fix: string;
}

// ───────────────────────── expected (schema.prisma) ─────────────────────────

/** PostgreSQL's identifier limit; Prisma truncates generated constraint names to fit. */
const MAX_IDENTIFIER_BYTES = 63;
/** Canonical default of `@default(autoincrement())`: a sequence (SERIAL) or identity column. */
export const AUTOINCREMENT = "autoincrement()";
/** `@default(dbgenerated())` without an expression: any database default. */
const ANY_DEFAULT = "dbgenerated()";

/** Prisma's generated constraint name: `<table>_<columns>` cut to fit 63 bytes with the suffix. */
export function constraintName(parts: string[], suffix: string): string {
  let base = parts.join("_");
  while (Buffer.byteLength(base) > MAX_IDENTIFIER_BYTES - suffix.length) base = base.slice(0, -1);
  return base + suffix;
}

const CAST =
  /('(?:[^']|'')*'|\]|\))::(?:"(?:[^"]|"")+"|\w+)(?:\.(?:"(?:[^"]|"")+"|\w+))?(?:\(\d+(?:,\d+)?\))?(?: varying| precision| with(?:out)? time zone)?(?:\(\d+(?:,\d+)?\))?(?:\[\])*/g;

/** One spelling per default: casts dropped, now() as CURRENT_TIMESTAMP, nextval() as autoincrement(), numbers unquoted. */
export function canonicalDefault(sql: string): string {
  const s = sql.trim().replace(CAST, "$1");
  if (/^(now\(\)|current_timestamp)$/i.test(s)) return "CURRENT_TIMESTAMP";
  if (/^nextval\(/i.test(s)) return AUTOINCREMENT;
  const number = /^'?(-?\d+(?:\.\d+)?)'?$/.exec(s)?.[1];
  return number === undefined ? s : number.includes(".") ? number.replace(/\.?0+$/, "") : number;
}

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** `@db.X(args)` as format_type prints the column type. */
function nativeType(name: string, args: readonly string[]): string {
  const a = args.length > 0 ? `(${args.join(",")})` : "";
  switch (name) {
    case "VarChar":
      return `character varying${a}`;
    case "Char":
      return `character${a || "(1)"}`;
    case "Bit":
      return `bit${a || "(1)"}`;
    case "VarBit":
      return `bit varying${a}`;
    case "Decimal":
      return `numeric${a}`;
    case "Timestamp":
    case "Time":
      return `${name.toLowerCase()}${a} without time zone`;
    case "Timestamptz":
      return `timestamp${a} with time zone`;
    case "Timetz":
      return `time${a} with time zone`;
    case "DoublePrecision":
      return "double precision";
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    default: // Text, Integer, SmallInt, BigInt, Real, Boolean, Date, Json, Uuid, Xml, Inet, Citext, Money, Oid
      return name.toLowerCase() + a;
  }
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** What DMMF leaves out: each enum's `@@schema` and each relation's explicit foreign key name (`@relation(map: …)`). */
function schemaExtras(schemaPrisma: string) {
  const enumSchemas = new Map<string, string>();
  const foreignKeyNames = new Map<string, string>();
  const text = schemaPrisma.replace(/^\s*\/\/.*$/gm, "");
  for (const [, kind, name, body = ""] of text.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    if (kind === "enum") {
      const schema = /@@schema\(\s*"([^"]+)"\s*\)/.exec(body)?.[1];
      if (schema) enumSchemas.set(name as string, schema);
      continue;
    }
    for (const [, field, args = ""] of body.matchAll(/^\s*(\w+)\s+\w+\??\s.*?@relation\(([^)]*)\)/gm)) {
      const map = /\bmap:\s*"([^"]+)"/.exec(args)?.[1];
      if (map) foreignKeyNames.set(`${name}.${field}`, map);
    }
  }
  return { enumSchemas, foreignKeyNames };
}

type Datamodel = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>["datamodel"];
type DmmfModel = Datamodel["models"][number];
type DmmfField = DmmfModel["fields"][number];

/** The schema Prisma Migrate would create for schema.prisma, from its DMMF (wasm, offline). */
export function expectedModel(schemaPrisma: string, defaultSchema: string): SchemaModel {
  const dmmf = getDMMF({ datamodel: schemaPrisma });
  if ("error" in dmmf) throw new Error(`schema.prisma does not validate: ${dmmf.error.message}`);
  const { models, enums, indexes } = dmmf.datamodel;
  const extras = schemaExtras(schemaPrisma);

  const enumsByName = new Map(
    enums.map((e) => [
      e.name,
      {
        schema: extras.enumSchemas.get(e.name) ?? defaultSchema,
        name: e.dbName ?? e.name,
        values: e.values.map((v) => v.dbName ?? v.name),
        dbValue: new Map(e.values.map((v) => [v.name, v.dbName ?? v.name])),
      },
    ]),
  );
  const modelsByName = new Map(models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => ({ schema: m.schema ?? defaultSchema, name: m.dbName ?? m.name });
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  const columnType = (f: DmmfField) => {
    const list = f.isList ? "[]" : "";
    const e = f.kind === "enum" ? enumsByName.get(f.type) : undefined;
    if (e) return `${quoteIdent(e.schema)}.${quoteIdent(e.name)}${list}`;
    const base = f.nativeType ? nativeType(f.nativeType[0], f.nativeType[1]) : SCALAR_TYPES[f.type];
    if (!base) throw new Error(`drift check: no PostgreSQL type known for ${f.type} (field ${f.name})`);
    return base + list;
  };

  const columnDefault = (f: DmmfField): string | null => {
    const d = f.default;
    if (d === undefined) return null;
    if (typeof d === "object" && "args" in d) {
      if (d.name === "now") return "CURRENT_TIMESTAMP";
      if (d.name === "autoincrement") return AUTOINCREMENT;
      if (d.name === "dbgenerated") return d.args[0] === undefined ? ANY_DEFAULT : canonicalDefault(String(d.args[0]));
      return null; // cuid(), uuid(), nanoid(), ulid(): generated by Prisma Client, no database default
    }
    const dbValue = enumsByName.get(f.type)?.dbValue;
    const literal = (v: string | number | boolean) =>
      typeof v !== "string" ? String(v) : quoteLiteral(dbValue?.get(v) ?? v);
    return canonicalDefault(typeof d === "object" ? `ARRAY[${d.map(literal).join(", ")}]` : literal(d));
  };

  const tables = models.map((m): Table => {
    const { schema, name } = tableOf(m);
    const own = indexes.filter((i) => i.model === m.name);
    const pk = own.find((i) => i.type === "id");
    for (const f of m.fields) {
      const other = f.kind === "object" && f.isList ? modelsByName.get(f.type) : undefined;
      if (other?.fields.some((g) => g !== f && g.relationName === f.relationName && g.isList)) {
        throw new Error(
          `drift check: implicit many-to-many relation ${f.relationName} is not supported; model its join table explicitly`,
        );
      }
    }
    return {
      schema,
      name,
      columns: m.fields
        .filter((f) => f.kind === "scalar" || f.kind === "enum")
        .map((f) => ({
          name: f.dbName ?? f.name,
          type: columnType(f),
          notNull: f.isRequired && !f.isList,
          default: columnDefault(f),
        })),
      primaryKey: pk
        ? { name: pk.dbName ?? constraintName([name], "_pkey"), columns: pk.fields.map((f) => columnOf(m, f.name)) }
        : null,
      indexes: own
        .filter((i) => i.type === "unique" || i.type === "normal")
        .map((i) => {
          const columns = i.fields.map((f) => columnOf(m, f.name));
          return {
            name: i.dbName ?? constraintName([name, ...columns], i.type === "unique" ? "_key" : "_idx"),
            columns: columns.map((c, k) => (i.fields[k]?.sortOrder === "desc" ? `${c} DESC` : c)),
            unique: i.type === "unique",
            method: (i.algorithm ?? "BTree").toLowerCase(),
          };
        }),
      foreignKeys: m.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const target = modelsByName.get(f.type) as DmmfModel;
          const columns = (f.relationFromFields ?? []).map((c) => columnOf(m, c));
          const ref = tableOf(target);
          return {
            name: extras.foreignKeyNames.get(`${m.name}.${f.name}`) ?? constraintName([name, ...columns], "_fkey"),
            columns,
            references: `${ref.schema}.${ref.name}`,
            referencedColumns: (f.relationToFields ?? []).map((c) => columnOf(target, c)),
            // Prisma's defaults: Restrict (required relation) / SetNull (optional) on delete, Cascade on update.
            onDelete: REFERENTIAL_ACTIONS[f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")] as string,
            onUpdate: REFERENTIAL_ACTIONS[f.relationOnUpdate ?? "Cascade"] as string,
          };
        }),
    };
  });
  return { tables, enums: [...enumsByName.values()].map(({ schema, name, values }) => ({ schema, name, values })) };
}

// ───────────────────────── actual (the scratch database) ─────────────────────────

const TABLES_SQL = `
  SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
   ORDER BY 1, 2`;

const COLUMNS_SQL = `
  SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, a.attnotnull AS "notNull",
         CASE WHEN et.typtype = 'e'
              THEN '"' || replace(en.nspname, '"', '""') || '"."' || replace(et.typname, '"', '""') || '"'
                   || CASE WHEN t.typcategory = 'A' THEN '[]' ELSE '' END
              ELSE format_type(a.atttypid, a.atttypmod) END AS type,
         CASE WHEN a.attidentity <> '' THEN 'nextval()' ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
    JOIN pg_namespace en ON en.oid = et.typnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY 1, 2, a.attnum`;

// Indexes that implement an exclusion constraint belong to it (allow-listed as the constraint).
const INDEXES_SQL = `
  SELECT n.nspname AS schema, t.relname AS table, i.relname AS name, ix.indisunique AS unique,
         ix.indisprimary AS primary, am.amname AS method,
         ix.indpred IS NOT NULL OR ix.indexprs IS NOT NULL AS unmodelled,
         ARRAY(SELECT a.attname || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                 FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                ORDER BY k.ord)::text[] AS columns
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
   WHERE n.nspname = ANY($1)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ix.indexrelid AND x.contype = 'x')
   ORDER BY 1, 2, 3`;

const CONSTRAINTS_SQL = `
  SELECT con.contype AS type, n.nspname AS schema, t.relname AS table, con.conname AS name,
         ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
         rn.nspname || '.' || rt.relname AS references,
         ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "referencedColumns",
         con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_class rt ON rt.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rt.relnamespace
   WHERE n.nspname = ANY($1) AND con.contype IN ('c', 'x', 'f')
   ORDER BY 2, 3, 4`;

const TRIGGERS_SQL = `
  SELECT n.nspname AS schema, t.relname AS table, tg.tgname AS name
    FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname = ANY($1) AND NOT tg.tgisinternal
   ORDER BY 1, 2, 3`;

const ENUMS_SQL = `
  SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
   WHERE n.nspname = ANY($1)
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
   GROUP BY 1, 2
   ORDER BY 1, 2`;

const CONFIG_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

async function extensionNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ extname: string }>("SELECT extname FROM pg_extension ORDER BY 1");
  return rows.map((r) => r.extname);
}

/** Reads the catalog of `schemas`; extensions present in `preexisting` (the fresh database's) are left out. */
async function introspect(client: pg.Client, schemas: string[], preexisting: string[]): Promise<Catalog> {
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql, [schemas])).rows;
  type Row = { schema: string; table: string };
  const tableRows = await q<{ schema: string; name: string }>(TABLES_SQL);
  const columnRows = await q<Row & { name: string; type: string; notNull: boolean; default: string | null }>(
    COLUMNS_SQL,
  );
  const indexRows = await q<Row & Index & { primary: boolean; unmodelled: boolean }>(INDEXES_SQL);
  const constraintRows = await q<Row & ForeignKey & { type: "c" | "x" | "f" }>(CONSTRAINTS_SQL);
  const triggerRows = await q<Row & { name: string }>(TRIGGERS_SQL);
  const enumRows = await q<Enum>(ENUMS_SQL);
  const extensions = await extensionNames(client);
  const on = (t: { schema: string; name: string }) => (r: Row) => r.schema === t.schema && r.table === t.name;
  const tables = tableRows.map(
    (t): Table => ({
      schema: t.schema,
      name: t.name,
      columns: columnRows.filter(on(t)).map((c) => ({
        name: c.name,
        type: c.type,
        notNull: c.notNull,
        default: c.default === null ? null : canonicalDefault(c.default),
      })),
      primaryKey: indexRows.filter(on(t)).find((i) => i.primary) ?? null,
      indexes: indexRows.filter(on(t)).filter((i) => !i.primary && !i.unmodelled),
      foreignKeys: constraintRows.filter(on(t)).filter((c) => c.type === "f"),
    }),
  );
  const known = (r: Row) => tableRows.some((t) => on(t)(r));
  const unmodelled: Unmodelled[] = [
    ...constraintRows
      .filter((c) => c.type !== "f" && known(c))
      .map((c) => ({
        kind: c.type === "c" ? ("check" as const) : ("exclusion" as const),
        name: `${c.schema}.${c.table}.${c.name}`,
      })),
    ...indexRows
      .filter((i) => i.unmodelled && known(i))
      .map((i) => ({ kind: "index" as const, name: `${i.schema}.${i.table}.${i.name}` })),
    ...triggerRows.filter(known).map((t) => ({ kind: "trigger" as const, name: `${t.schema}.${t.table}.${t.name}` })),
    ...extensions.filter((e) => !preexisting.includes(e)).map((name) => ({ kind: "extension" as const, name })),
  ];
  return {
    tables: tables.map(normalizeTable),
    enums: enumRows.map((e) => ({ schema: e.schema, name: e.name, values: e.values })),
    unmodelled,
  };
}

/** Only the comparable fields (the rows carry schema/table too), actions spelled as in DDL. */
function normalizeTable(t: Table): Table {
  return {
    ...t,
    primaryKey: t.primaryKey && { name: t.primaryKey.name, columns: t.primaryKey.columns },
    indexes: t.indexes.map((i) => ({ name: i.name, columns: i.columns, unique: i.unique, method: i.method })),
    foreignKeys: t.foreignKeys.map((f) => ({
      name: f.name,
      columns: f.columns,
      references: f.references,
      referencedColumns: f.referencedColumns,
      onDelete: CONFIG_ACTIONS[f.onDelete] ?? f.onDelete,
      onUpdate: CONFIG_ACTIONS[f.onUpdate] ?? f.onUpdate,
    })),
  };
}

// ───────────────────────── comparison (pure) ─────────────────────────

const qualified = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
const columnList = (columns: string[]) =>
  columns.map((c) => c.replace(/^(.*?)( DESC)?$/, (_, n: string, desc = "") => quoteIdent(n) + desc)).join(", ");
const describeIndex = (i: Index) => `${i.unique ? "UNIQUE " : ""}${i.name} USING ${i.method} (${i.columns.join(", ")})`;
const describeForeignKey = (f: ForeignKey) =>
  `${f.name} (${f.columns.join(", ")}) REFERENCES ${f.references} (${f.referencedColumns.join(", ")}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
const describePrimaryKey = (p: Table["primaryKey"]) => (p ? `${p.name} (${p.columns.join(", ")})` : null);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const SERIAL: Record<string, string> = { integer: "SERIAL", bigint: "BIGSERIAL", smallint: "SMALLSERIAL" };
/** A column as in CREATE TABLE, without its name. */
const columnSpec = (c: Column) => {
  const type = c.default === AUTOINCREMENT ? (SERIAL[c.type] ?? c.type) : c.type;
  const dflt = c.default && c.default !== AUTOINCREMENT && c.default !== ANY_DEFAULT ? ` DEFAULT ${c.default}` : "";
  return `${type}${c.notNull ? " NOT NULL" : ""}${dflt}`;
};

/**
 * Pairs each expected object with the actual one of the same key, else (a rename) with a left-over
 * actual one of the same shape; returns the pairs (actual undefined: missing) and the unpaired actual ones.
 */
function pair<T>(expected: T[], actual: T[], key: (x: T) => string, sameShape: (a: T, b: T) => boolean = () => false) {
  const left = [...actual];
  const take = (match: (a: T) => boolean) => {
    const i = left.findIndex(match);
    return i < 0 ? undefined : left.splice(i, 1)[0];
  };
  const byKey = expected.map((e) => [e, take((a) => key(a) === key(e))] as const);
  const pairs = byKey.map(([e, a]) => [e, a ?? take((x) => sameShape(e, x))] as const);
  return { pairs, extra: left };
}

type Add = (kind: DifferenceKind, object: string, expected: string | null, actual: string | null, fix: string) => void;

/** Every difference between the model schema.prisma describes and the migrated database's catalog. */
export function compareSchemas(expected: SchemaModel, actual: Catalog, allow: AllowEntry[]): Difference[] {
  const diffs: Difference[] = [];
  const add: Add = (kind, object, want, got, fix) => diffs.push({ kind, object, expected: want, actual: got, fix });
  const id = (x: { schema: string; name: string }) => `${x.schema}.${x.name}`;

  const tables = pair(expected.tables, actual.tables, id);
  for (const [want, got] of tables.pairs) {
    if (got) compareTable(want, got, add);
    else
      add(
        "missing-table",
        id(want),
        "table",
        null,
        `CREATE TABLE ${qualified(want.schema, want.name)} (…) as the model describes it`,
      );
  }
  for (const t of tables.extra)
    add(
      "extra-table",
      id(t),
      null,
      "table",
      `DROP TABLE ${qualified(t.schema, t.name)}, or add a model for it to schema.prisma`,
    );

  const enums = pair(expected.enums, actual.enums, id);
  for (const [want, got] of enums.pairs) {
    const type = qualified(want.schema, want.name);
    const values = want.values.map(quoteLiteral).join(", ");
    if (!got) add("missing-enum", id(want), want.values.join(", "), null, `CREATE TYPE ${type} AS ENUM (${values})`);
    else if (!sameList(want.values, got.values)) {
      const onlyAdditions = sameList(
        want.values.filter((v) => got.values.includes(v)),
        got.values,
      );
      const fix = onlyAdditions
        ? `${want.values
            .filter((v) => !got.values.includes(v))
            .map((v) => `ALTER TYPE ${type} ADD VALUE ${quoteLiteral(v)}`)
            .join("; ")} (with BEFORE/AFTER to keep the order)`
        : `PostgreSQL cannot drop or reorder enum values: create a new type with (${values}), ALTER the columns to it USING col::text::<new type>, drop the old type, rename the new one`;
      add("enum-values", id(want), want.values.join(", "), got.values.join(", "), fix);
    }
  }
  for (const e of enums.extra)
    add(
      "extra-enum",
      id(e),
      null,
      e.values.join(", "),
      `DROP TYPE ${qualified(e.schema, e.name)}, or add the enum to schema.prisma`,
    );

  const key = (o: { kind: string; name: string }) => `${o.kind} ${o.name}`;
  const allowed = new Set(allow.map(key));
  const present = new Set(actual.unmodelled.map(key));
  for (const o of actual.unmodelled.filter((x) => !allowed.has(key(x)))) {
    const entry = JSON.stringify({ kind: o.kind, name: o.name, why: "…" });
    add(
      "not-allowlisted",
      o.name,
      null,
      KIND_LABEL[o.kind],
      `Prisma cannot express this ${KIND_LABEL[o.kind]}: add ${entry} to prisma/drift-allowlist.json, or drop it`,
    );
  }
  for (const e of allow.filter((x) => !present.has(key(x)))) {
    add(
      "stale-allowlist",
      e.name,
      KIND_LABEL[e.kind],
      null,
      `No such ${KIND_LABEL[e.kind]} after the migrations: remove or correct the entry in prisma/drift-allowlist.json`,
    );
  }
  return diffs;
}

function compareTable(want: Table, got: Table, add: Add) {
  const table = `${want.schema}.${want.name}`;
  const sqlTable = qualified(want.schema, want.name);
  const alter = (column: string) => `ALTER TABLE ${sqlTable} ALTER COLUMN ${quoteIdent(column)}`;

  const columns = pair(want.columns, got.columns, (c) => c.name);
  for (const [w, g] of columns.pairs) {
    const object = `${table}.${w.name}`;
    if (!g) {
      add(
        "missing-column",
        object,
        columnSpec(w),
        null,
        `ALTER TABLE ${sqlTable} ADD COLUMN ${quoteIdent(w.name)} ${columnSpec(w)}`,
      );
      continue;
    }
    if (w.type !== g.type)
      add("column-type", object, w.type, g.type, `${alter(w.name)} TYPE ${w.type} (USING … where needed)`);
    if (w.notNull !== g.notNull) {
      add(
        "column-nullability",
        object,
        w.notNull ? "NOT NULL" : "NULL",
        g.notNull ? "NOT NULL" : "NULL",
        `${alter(w.name)} ${w.notNull ? "SET" : "DROP"} NOT NULL`,
      );
    }
    if (w.default !== g.default && !(w.default === ANY_DEFAULT && g.default !== null)) {
      const sequence = qualified(want.schema, `${want.name}_${w.name}_seq`);
      const fix =
        w.default === null
          ? `${alter(w.name)} DROP DEFAULT`
          : w.default === AUTOINCREMENT
            ? `CREATE SEQUENCE ${sequence} OWNED BY ${sqlTable}.${quoteIdent(w.name)}; ${alter(w.name)} SET DEFAULT nextval('${sequence}')`
            : `${alter(w.name)} SET DEFAULT ${w.default}`;
      add("column-default", object, w.default, g.default, fix);
    }
  }
  for (const c of columns.extra) {
    add(
      "extra-column",
      `${table}.${c.name}`,
      null,
      columnSpec(c),
      `ALTER TABLE ${sqlTable} DROP COLUMN ${quoteIdent(c.name)}, or add the field to schema.prisma`,
    );
  }

  if (describePrimaryKey(want.primaryKey) !== describePrimaryKey(got.primaryKey)) {
    const steps = [
      got.primaryKey && `ALTER TABLE ${sqlTable} DROP CONSTRAINT ${quoteIdent(got.primaryKey.name)}`,
      want.primaryKey &&
        `ALTER TABLE ${sqlTable} ADD CONSTRAINT ${quoteIdent(want.primaryKey.name)} PRIMARY KEY (${columnList(want.primaryKey.columns)})`,
    ];
    const name = want.primaryKey?.name ?? got.primaryKey?.name;
    add(
      "primary-key",
      `${table}.${name}`,
      describePrimaryKey(want.primaryKey),
      describePrimaryKey(got.primaryKey),
      steps.filter(Boolean).join("; "),
    );
  }

  const sameIndexShape = (a: Index, b: Index) => a.unique === b.unique && sameList(a.columns, b.columns);
  const createIndex = (i: Index) =>
    `CREATE ${i.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(i.name)} ON ${sqlTable}${i.method === "btree" ? "" : ` USING ${i.method}`} (${columnList(i.columns)})`;
  const dropIndex = (i: Index) => `DROP INDEX ${qualified(want.schema, i.name)}`;
  const indexes = pair(want.indexes, got.indexes, (i) => i.name, sameIndexShape);
  for (const [w, g] of indexes.pairs) {
    if (!g)
      add(w.unique ? "missing-unique" : "missing-index", `${table}.${w.name}`, describeIndex(w), null, createIndex(w));
    else if (describeIndex(w) !== describeIndex(g)) {
      const renamed = describeIndex({ ...w, name: g.name }) === describeIndex(g);
      const fix = renamed
        ? `ALTER INDEX ${qualified(want.schema, g.name)} RENAME TO ${quoteIdent(w.name)}`
        : `${dropIndex(g)}; ${createIndex(w)}`;
      add("index-definition", `${table}.${w.name}`, describeIndex(w), describeIndex(g), fix);
    }
  }
  for (const i of indexes.extra)
    add(
      i.unique ? "extra-unique" : "extra-index",
      `${table}.${i.name}`,
      null,
      describeIndex(i),
      `${dropIndex(i)}, or declare it in schema.prisma`,
    );

  const sameKeyShape = (a: ForeignKey, b: ForeignKey) =>
    sameList(a.columns, b.columns) && a.references === b.references;
  const addKey = (f: ForeignKey) => {
    const [schema = "", name = ""] = f.references.split(".");
    return `ALTER TABLE ${sqlTable} ADD CONSTRAINT ${quoteIdent(f.name)} FOREIGN KEY (${columnList(f.columns)}) REFERENCES ${qualified(schema, name)} (${columnList(f.referencedColumns)}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
  };
  const dropKey = (f: ForeignKey) => `ALTER TABLE ${sqlTable} DROP CONSTRAINT ${quoteIdent(f.name)}`;
  const keys = pair(want.foreignKeys, got.foreignKeys, (f) => f.name, sameKeyShape);
  for (const [w, g] of keys.pairs) {
    if (!g) add("missing-foreign-key", `${table}.${w.name}`, describeForeignKey(w), null, addKey(w));
    else if (describeForeignKey(w) !== describeForeignKey(g)) {
      const renamed = describeForeignKey({ ...w, name: g.name }) === describeForeignKey(g);
      const fix = renamed
        ? `ALTER TABLE ${sqlTable} RENAME CONSTRAINT ${quoteIdent(g.name)} TO ${quoteIdent(w.name)}`
        : `${dropKey(g)}; ${addKey(w)}`;
      add("foreign-key-definition", `${table}.${w.name}`, describeForeignKey(w), describeForeignKey(g), fix);
    }
  }
  for (const f of keys.extra)
    add(
      "extra-foreign-key",
      `${table}.${f.name}`,
      null,
      describeForeignKey(f),
      `${dropKey(f)}, or declare the relation in schema.prisma`,
    );
}

// ───────────────────────── the check (I/O) ─────────────────────────

/** Prisma's own diff can run: PRISMA_SCHEMA_ENGINE_BINARY names a real engine (not the /bin/false stub), or BURROW_PRISMA_DIFF=1 where the CLI can download one. */
export function schemaEngineAvailable(
  env: Pick<ToolEnv, "PRISMA_SCHEMA_ENGINE_BINARY" | "BURROW_PRISMA_DIFF"> = parseToolEnv(),
): boolean {
  if (env.BURROW_PRISMA_DIFF === "1") return true;
  const binary = env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (!binary || !existsSync(binary)) return false;
  try {
    accessSync(binary, constants.X_OK);
    return realpathSync(binary) !== realpathSync("/bin/false");
  } catch {
    return false;
  }
}

/** `prisma migrate diff --from-migrations DIR --to-schema FILE --exit-code` (exit 2: the two differ). */
async function prismaMigrateDiff(opts: DriftOptions): Promise<Difference | null> {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const args = ["migrate", "diff", "--config", path.join(repoPrismaDir, "..", "prisma.config.ts")];
  args.push("--from-migrations", opts.migrationsDir, "--to-schema", opts.schemaPath, "--exit-code");
  try {
    await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...process.env, DATABASE_URL: opts.databaseUrl },
    });
    return null;
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    if (err.code !== 2) throw new Error(`prisma migrate diff failed: ${err.stderr || err.message}`);
    return {
      kind: "prisma-migrate-diff",
      object: "schema",
      expected: "no changes",
      actual: err.stdout?.trim() ?? "",
      fix: "Prisma's own diff disagrees: `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --script` prints the SQL",
    };
  }
}

export interface DriftOptions {
  /** Server to create the scratch database on (the database itself is not touched). */
  databaseUrl: string;
  migrationsDir: string;
  schemaPath: string;
  /** Default: drift-allowlist.json next to schema.prisma (absent: nothing allowed). */
  allowlistPath?: string;
  /** Also run Prisma's own `migrate diff`; default: schemaEngineAvailable(). */
  prismaDiff?: boolean;
}

export interface DriftReport {
  differences: Difference[];
  /** Which checks ran (or were skipped, and why). */
  checks: string[];
  counts: {
    migrations: number;
    tables: number;
    columns: number;
    indexes: number;
    foreignKeys: number;
    enums: number;
    allowlisted: number;
  };
}

function readAllowlist(file: string): AllowEntry[] {
  if (!existsSync(file)) return [];
  const parsed = allowlistFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.allow;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: splitDatabaseUrl(url).connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Applies the migrations to a scratch database (always dropped) and compares it with schema.prisma. */
export async function checkDrift(opts: DriftOptions): Promise<DriftReport> {
  const schemaPrisma = readFileSync(opts.schemaPath, "utf8");
  const defaultSchema = splitDatabaseUrl(opts.databaseUrl).schema;
  const schemas = datasourceSchemas(schemaPrisma);
  const expected = expectedModel(schemaPrisma, defaultSchema);
  const allow = readAllowlist(opts.allowlistPath ?? path.join(path.dirname(opts.schemaPath), "drift-allowlist.json"));

  const scratch = await createScratchDatabase(opts.databaseUrl, "drift");
  let actual: Catalog;
  let migrations: number;
  try {
    const preexisting = await withClient(scratch.url, extensionNames);
    migrations = (await deploy({ databaseUrl: scratch.url, migrationsDir: opts.migrationsDir, schemas })).applied
      .length;
    actual = await withClient(scratch.url, (client) =>
      introspect(client, [...new Set([...schemas, defaultSchema])], preexisting),
    );
  } finally {
    await scratch.drop();
  }

  const differences = compareSchemas(expected, actual, allow);
  const checks = [
    `offline: ${migrations} migration(s) applied to a scratch database, its catalog compared with schema.prisma (DMMF)`,
  ];
  if (opts.prismaDiff ?? schemaEngineAvailable()) {
    const diff = await prismaMigrateDiff(opts);
    checks.push(`prisma migrate diff --from-migrations --to-schema: ${diff ? "differences found" : "no differences"}`);
    if (diff) differences.push(diff);
  } else {
    checks.push(
      "prisma migrate diff: skipped (no schema engine; set PRISMA_SCHEMA_ENGINE_BINARY to one, or BURROW_PRISMA_DIFF=1 where Prisma can download it)",
    );
  }
  const sum = (f: (t: Table) => number) => actual.tables.reduce((n, t) => n + f(t), 0);
  return {
    differences,
    checks,
    counts: {
      migrations,
      tables: actual.tables.length,
      columns: sum((t) => t.columns.length),
      indexes: sum((t) => t.indexes.length),
      foreignKeys: sum((t) => t.foreignKeys.length),
      enums: actual.enums.length,
      allowlisted: actual.unmodelled.filter((o) => allow.some((a) => a.kind === o.kind && a.name === o.name)).length,
    },
  };
}

export function formatDriftReport(report: DriftReport): string {
  const lines = report.checks.map((c) => `• ${c}`);
  const { tables, columns, indexes, foreignKeys, enums, allowlisted } = report.counts;
  if (report.differences.length === 0) {
    lines.push(
      `No drift: ${tables} tables, ${columns} columns, ${indexes} indexes, ${foreignKeys} foreign keys and ${enums} enums match schema.prisma; ${allowlisted} allow-listed objects present.`,
    );
    return lines.join("\n");
  }
  const n = report.differences.length;
  lines.push(`Drift: ${n} difference${n === 1 ? "" : "s"} between prisma/migrations and schema.prisma:`);
  for (const d of report.differences) {
    lines.push(
      `  ✗ ${d.kind} ${d.object}: expected ${d.expected ?? "nothing"}, found ${d.actual ?? "nothing"}`,
      `      fix: ${d.fix}`,
    );
  }
  lines.push(
    "Fix it in a NEW migration (never edit an applied one), or change schema.prisma where the migrations are right.",
  );
  return lines.join("\n");
}
