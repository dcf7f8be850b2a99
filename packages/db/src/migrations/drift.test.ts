import { describe, expect, it } from "vitest";
import {
  AUTOINCREMENT,
  type Catalog,
  canonicalDefault,
  compareSchemas,
  constraintName,
  type DriftReport,
  expectedModel,
  formatDriftReport,
  type SchemaModel,
  schemaEngineAvailable,
  type Table,
} from "./drift";

const schema = (models: string) => `
datasource db {
  provider = "postgresql"
  schemas  = ["a", "b"]
}
${models}`;

describe("constraintName", () => {
  it("is <table>_<columns><suffix>, cut to 63 bytes keeping the suffix (as Prisma does)", () => {
    expect(constraintName(["listings", "city", "status"], "_idx")).toBe("listings_city_status_idx");
    const long = constraintName(["t".repeat(40), "c".repeat(40)], "_fkey");
    expect(long).toHaveLength(63);
    expect(long).toBe(`${"t".repeat(40)}_${"c".repeat(17)}_fkey`);
  });
});

describe("canonicalDefault", () => {
  it.each([
    [`'TENANT'::identity."Role"`, "'TENANT'"],
    ["now()", "CURRENT_TIMESTAMP"],
    ["CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"],
    [`nextval('"pets"."reviews_id_seq"'::regclass)`, AUTOINCREMENT],
    ["'-1'::integer", "-1"],
    ["0.50", "0.5"],
    ["ARRAY[]::text[]", "ARRAY[]"],
    ["ARRAY['a'::text, 'b'::text]", "ARRAY['a', 'b']"],
    ["'{}'::jsonb", "'{}'"],
    ["'it''s'::character varying", "'it''s'"],
    ["'2020-01-01 00:00:00'::timestamp(3) without time zone", "'2020-01-01 00:00:00'"],
  ])("%s → %s", (sql, canonical) => {
    expect(canonicalDefault(sql)).toBe(canonical);
  });
});

describe("expectedModel (from DMMF)", () => {
  const model = expectedModel(
    schema(`
enum Kind {
  SMALL @map("small")
  LARGE

  @@map("kinds")
  @@schema("b")
}

model Parent {
  id       Int      @id(map: "parent_pk") @default(autoincrement())
  uid      String   @default(uuid()) @unique(map: "parent_uid")
  price    Decimal  @default(2.50)
  ratio    Float?
  when     DateTime @updatedAt
  day      DateTime @db.Date
  kind     Kind     @default(SMALL)
  kinds    Kind[]
  tags     String[] @default(["x"])
  code     String   @db.Char(3)
  children Child[]

  @@index([price(sort: Desc), ratio], map: "parent_price_ratio")
  @@schema("a")
}

model Child {
  id        String  @id
  parentId  Int?    @map("parent_id")
  otherId   Int     @map("other_id")
  parent    Parent? @relation(fields: [parentId], references: [id])
  other     Other   @relation(fields: [otherId], references: [id], onDelete: Cascade, onUpdate: NoAction, map: "child_other")

  @@unique([parentId, otherId])
  @@index([otherId], type: Hash)
  @@map("children")
  @@schema("b")
}

model Other {
  id       Int     @id
  children Child[]

  @@schema("b")
}
`),
    "public",
  );
  const table = (name: string) => model.tables.find((t) => t.name === name) as Table;
  const column = (t: string, c: string) => table(t).columns.find((x) => x.name === c);

  it("maps scalar and native types the way Prisma Migrate renders them; lists are nullable", () => {
    expect(table("Parent").columns.map((c) => [c.name, c.type, c.notNull])).toEqual([
      ["id", "integer", true],
      ["uid", "text", true],
      ["price", "numeric(65,30)", true],
      ["ratio", "double precision", false],
      ["when", "timestamp(3) without time zone", true],
      ["day", "date", true],
      ["kind", '"b"."kinds"', true],
      ["kinds", '"b"."kinds"[]', false],
      ["tags", "text[]", false],
      ["code", "character(3)", true],
    ]);
  });

  it("keeps database defaults only: autoincrement, literals, mapped enum values; none for uuid() and @updatedAt", () => {
    expect(table("Parent").columns.map((c) => c.default)).toEqual([
      AUTOINCREMENT,
      null,
      "2.5",
      null,
      null,
      null,
      "'small'",
      null,
      "ARRAY['x']",
      null,
    ]);
  });

  it("uses map: names, else generated <table>_<columns>_<suffix> names", () => {
    expect(table("Parent").primaryKey).toEqual({ name: "parent_pk", columns: ["id"] });
    expect(table("Parent").indexes).toEqual([
      { name: "parent_uid", columns: ["uid"], unique: true, method: "btree" },
      { name: "parent_price_ratio", columns: ["price DESC", "ratio"], unique: false, method: "btree" },
    ]);
    expect(table("children").indexes).toEqual([
      { name: "children_other_id_idx", columns: ["other_id"], unique: false, method: "hash" },
      { name: "children_parent_id_other_id_key", columns: ["parent_id", "other_id"], unique: true, method: "btree" },
    ]);
    expect(table("children").primaryKey).toEqual({ name: "children_pkey", columns: ["id"] });
  });

  it("builds foreign keys with Prisma's default actions (optional: SET NULL, required: RESTRICT; update: CASCADE) and @relation(map:)", () => {
    expect(table("children").foreignKeys).toEqual([
      {
        name: "children_parent_id_fkey",
        columns: ["parent_id"],
        references: "a.Parent",
        referencedColumns: ["id"],
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      },
      {
        name: "child_other",
        columns: ["other_id"],
        references: "b.Other",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
      },
    ]);
  });

  it("places enums in their @@schema with their mapped names and values", () => {
    expect(model.enums).toEqual([{ schema: "b", name: "kinds", values: ["small", "LARGE"] }]);
    expect(column("Parent", "kind")?.type).toBe('"b"."kinds"');
  });

  it("refuses implicit many-to-many relations instead of guessing their join table", () => {
    expect(() =>
      expectedModel(
        schema(`
model A {
  id Int @id
  bs B[]
  @@schema("a")
}
model B {
  id Int @id
  as A[]
  @@schema("a")
}`),
        "public",
      ),
    ).toThrow(/implicit many-to-many relation AToB/);
  });

  it("reports an invalid schema.prisma", () => {
    expect(() => expectedModel("model {", "public")).toThrow(/does not validate/);
  });
});

describe("compareSchemas", () => {
  const users: Table = {
    schema: "identity",
    name: "users",
    columns: [{ name: "id", type: "text", notNull: true, default: null }],
    primaryKey: { name: "users_pkey", columns: ["id"] },
    indexes: [{ name: "users_email_key", columns: ["email"], unique: true, method: "btree" }],
    foreignKeys: [],
  };
  const expected: SchemaModel = { tables: [users], enums: [] };
  const actual = (over: Partial<Catalog> = {}): Catalog => ({ tables: [users], enums: [], unmodelled: [], ...over });

  it("finds nothing when both sides agree", () => {
    expect(compareSchemas(expected, actual(), [])).toEqual([]);
  });

  it("reports a renamed index once, with a RENAME fix", () => {
    const renamed = { ...users, indexes: [{ ...users.indexes[0]!, name: "users_email_unique" }] };
    expect(compareSchemas(expected, actual({ tables: [renamed] }), [])).toEqual([
      {
        kind: "index-definition",
        object: "identity.users.users_email_key",
        expected: "UNIQUE users_email_key USING btree (email)",
        actual: "UNIQUE users_email_unique USING btree (email)",
        fix: 'ALTER INDEX "identity"."users_email_unique" RENAME TO "users_email_key"',
      },
    ]);
  });

  it("accepts allow-listed objects by kind and name, and reports the rest and stale entries", () => {
    const unmodelled = [
      { kind: "check" as const, name: "identity.users.users_id_check" },
      { kind: "extension" as const, name: "citext" },
    ];
    const allow = [
      { kind: "check" as const, name: "identity.users.users_id_check", why: "ids are not empty" },
      { kind: "index" as const, name: "identity.users.users_id_check", why: "same name, other kind" },
    ];
    expect(compareSchemas(expected, actual({ unmodelled }), allow).map((d) => [d.kind, d.object])).toEqual([
      ["not-allowlisted", "citext"],
      ["stale-allowlist", "identity.users.users_id_check"],
    ]);
  });

  it("reports extra enums and enum values added at the end with ADD VALUE fixes", () => {
    const want: SchemaModel = { tables: [users], enums: [{ schema: "b", name: "E", values: ["X", "Y"] }] };
    const got = actual({
      enums: [
        { schema: "b", name: "E", values: ["X"] },
        { schema: "b", name: "F", values: ["Z"] },
      ],
    });
    expect(compareSchemas(want, got, [])).toEqual([
      expect.objectContaining({
        kind: "enum-values",
        object: "b.E",
        fix: expect.stringContaining(`ALTER TYPE "b"."E" ADD VALUE 'Y'`),
      }),
      expect.objectContaining({ kind: "extra-enum", object: "b.F" }),
    ]);
  });
});

describe("schemaEngineAvailable", () => {
  it("needs a real engine binary (not the /bin/false stub) or BURROW_PRISMA_DIFF=1", () => {
    expect(schemaEngineAvailable({})).toBe(false);
    expect(schemaEngineAvailable({ PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" })).toBe(false);
    expect(schemaEngineAvailable({ PRISMA_SCHEMA_ENGINE_BINARY: "/no/such/engine" })).toBe(false);
    expect(schemaEngineAvailable({ PRISMA_SCHEMA_ENGINE_BINARY: process.execPath })).toBe(true);
    expect(schemaEngineAvailable({ BURROW_PRISMA_DIFF: "1" })).toBe(true);
  });
});

describe("formatDriftReport", () => {
  const counts = { migrations: 1, tables: 6, columns: 55, indexes: 9, foreignKeys: 5, enums: 4, allowlisted: 8 };
  it("summarises a clean check and lists which checks ran", () => {
    const report: DriftReport = { differences: [], checks: ["offline: …", "prisma migrate diff: skipped (…)"], counts };
    expect(formatDriftReport(report)).toBe(
      "• offline: …\n• prisma migrate diff: skipped (…)\nNo drift: 6 tables, 55 columns, 9 indexes, 5 foreign keys and 4 enums match schema.prisma; 8 allow-listed objects present.",
    );
  });
});
