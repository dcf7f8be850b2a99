// What Prisma's schema engine cannot see, checked against prisma/catalog.json: CHECK and exclusion
// constraints, partial and expression indexes, statistics, triggers, functions, extensions and
// grants. `prisma migrate diff` (the drift check) compares everything schema.prisma can express;
// this keeps the rest from changing or disappearing unnoticed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { splitDatabaseUrl } from "@burrow/db/env";
import pg from "pg";
import { z } from "zod";
import { deploy } from "./applier";
import { createScratchDatabase } from "./scratch";

const KINDS = [
  "extension",
  "check",
  "exclusion",
  "index",
  "statistics",
  "trigger",
  "function",
  "schema grant",
  "table grant",
  "default privileges",
] as const;
export type CatalogKind = (typeof KINDS)[number];

const Entry = z.strictObject({
  kind: z.enum(KINDS),
  name: z.string().min(1),
  definition: z.string().min(1),
  /** Why the object exists; grants explain themselves. */
  why: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof Entry>;
const CatalogFile = z.strictObject({ description: z.string(), objects: z.array(Entry) });

export interface CatalogDifference {
  kind: CatalogKind;
  name: string;
  problem: "missing" | "unexpected" | "changed" | "unexplained";
  expected?: string;
  actual?: string;
}

const hash = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;

/** `grantee:PRIVILEGE …` of an acl column (PUBLIC for grantee 0), owner's own entries left out. */
const aclSql = (acl: string, owner: string) => `(
  SELECT string_agg(g, ' ' ORDER BY g) FROM (
    SELECT (CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END) || ':' || x.privilege_type AS g
      FROM aclexplode(${acl}) x WHERE x.grantee <> ${owner}) grants)`;

/** Objects in `schemas` (and extensions), as found in a database; extension members left out. */
export async function readCatalog(client: pg.Client, schemas: string[], preexisting: string[] = []) {
  const q = async (kind: CatalogKind, sql: string) =>
    (await client.query<{ name: string; definition: string | null }>(sql, sql.includes("$1") ? [schemas] : [])).rows
      .filter((r) => r.definition)
      .map((r): CatalogEntry => ({ kind, name: r.name, definition: r.definition as string }));
  const notExtension = (oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;
  const entries = [
    ...(await q("extension", "SELECT extname AS name, extname AS definition FROM pg_extension")).filter(
      (e) => !preexisting.includes(e.name),
    ),
    ...(await q(
      "check",
      `SELECT n.nspname || '.' || c.relname || '.' || k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'c' AND n.nspname = ANY($1)`,
    )),
    ...(await q(
      "exclusion",
      `SELECT n.nspname || '.' || c.relname || '.' || k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'x' AND n.nspname = ANY($1)`,
    )),
    ...(await q(
      "index",
      `SELECT n.nspname || '.' || c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL) AND n.nspname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype = 'x')`,
    )),
    ...(await q(
      "statistics",
      `SELECT n.nspname || '.' || s.stxname AS name, pg_get_statisticsobjdef(s.oid) AS definition
         FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY($1)`,
    )),
    ...(await q(
      "trigger",
      `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = ANY($1)`,
    )),
    ...(
      await q(
        "function",
        `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                pg_get_functiondef(p.oid) || E'\\n' || coalesce(${aclSql("coalesce(p.proacl, acldefault('f', p.proowner))", "p.proowner")}, '') AS definition
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = ANY($1) AND ${notExtension("p.oid")}`,
      )
    ).map((f) => ({ ...f, definition: hash(f.definition) })),
    ...(await q(
      "schema grant",
      `SELECT n.nspname AS name, ${aclSql("n.nspacl", "n.nspowner")} AS definition
         FROM pg_namespace n WHERE n.nspname = ANY($1) AND n.nspacl IS NOT NULL`,
    )),
    ...(await q(
      "table grant",
      `SELECT n.nspname || '.' || c.relname AS name, ${aclSql("c.relacl", "c.relowner")} AS definition
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relacl IS NOT NULL AND n.nspname = ANY($1)
          AND ${notExtension("c.oid")}`,
    )),
    ...(await q(
      "default privileges",
      `SELECT coalesce(n.nspname, '(all schemas)') || ' ' || CASE a.defaclobjtype WHEN 'r' THEN 'tables'
                WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' ELSE 'schemas' END AS name,
              ${aclSql("a.defaclacl", "a.defaclrole")} AS definition
         FROM pg_default_acl a LEFT JOIN pg_namespace n ON n.oid = a.defaclnamespace
        WHERE n.nspname IS NULL OR n.nspname = ANY($1)`,
    )),
  ];
  const order = (e: CatalogEntry) => `${KINDS.indexOf(e.kind).toString().padStart(2, "0")} ${e.name}`;
  return entries.sort((a, b) => order(a).localeCompare(order(b)));
}

const key = (e: Pick<CatalogEntry, "kind" | "name">) => `${e.kind} ${e.name}`;
const explained = (e: CatalogEntry) => e.kind.endsWith("grant") || e.kind === "default privileges" || !!e.why?.trim();

export function compareCatalogs(expected: CatalogEntry[], actual: CatalogEntry[]): CatalogDifference[] {
  const found = new Map(actual.map((e) => [key(e), e]));
  const listed = new Set(expected.map(key));
  const differences: CatalogDifference[] = [];
  for (const want of expected) {
    const got = found.get(key(want));
    const base = { kind: want.kind, name: want.name };
    if (!got) differences.push({ ...base, problem: "missing", expected: want.definition });
    else if (got.definition !== want.definition)
      differences.push({ ...base, problem: "changed", expected: want.definition, actual: got.definition });
    else if (!explained(want)) differences.push({ ...base, problem: "unexplained" });
  }
  for (const got of actual) {
    if (!listed.has(key(got)))
      differences.push({ kind: got.kind, name: got.name, problem: "unexpected", actual: got.definition });
  }
  return differences;
}

export function formatCatalogDifference(d: CatalogDifference): string {
  const what = `${d.kind} ${d.name}`;
  switch (d.problem) {
    case "missing":
      return `✗ ${what}: in prisma/catalog.json, but the migrations do not create it (expected ${d.expected})`;
    case "unexpected":
      return `✗ ${what}: made by the migrations, missing from prisma/catalog.json (${d.actual})`;
    case "changed":
      return `✗ ${what}: the migrations make ${d.actual}, prisma/catalog.json says ${d.expected}`;
    case "unexplained":
      return `✗ ${what}: give it a "why" in prisma/catalog.json`;
  }
}

export function readCatalogFile(file: string): CatalogEntry[] {
  if (!existsSync(file)) return [];
  const parsed = CatalogFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.objects;
}

const DESCRIPTION =
  "Database objects Prisma's schema engine cannot see, as the migrations make them; `pnpm db:check` fails on any " +
  "difference. After a reviewed change: `pnpm db:check --write`, then give each new object a why.";

/** Rewrites the catalog from `actual`, keeping the whys already written. */
export function writeCatalogFile(file: string, actual: CatalogEntry[]): void {
  const whys = new Map(readCatalogFile(file).map((e) => [key(e), e.why]));
  const objects = actual.map((e) => {
    const why = whys.get(key(e));
    return explained(e) && !why ? e : { ...e, why: why ?? "" };
  });
  writeFileSync(file, `${JSON.stringify({ description: DESCRIPTION, objects }, null, 2)}\n`);
}

/** Applies `migrationsDir` to a scratch database (always dropped) and reads its catalog. */
export async function migratedCatalog(databaseUrl: string, migrationsDir: string, schemas: string[]) {
  const scratch = await createScratchDatabase(databaseUrl, "catalog");
  const client = new pg.Client({ connectionString: splitDatabaseUrl(scratch.url).connectionString });
  try {
    await client.connect();
    const preexisting = (await client.query<{ extname: string }>("SELECT extname FROM pg_extension")).rows.map(
      (r) => r.extname,
    );
    await deploy({ databaseUrl: scratch.url, migrationsDir, schemas });
    const withDefault = [...new Set([...schemas, splitDatabaseUrl(databaseUrl).schema])];
    return await readCatalog(client, withDefault, preexisting);
  } finally {
    await client.end().catch(() => {});
    await scratch.drop();
  }
}
