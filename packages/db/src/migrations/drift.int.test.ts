import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { tempDir } from "../testing";
import { checkDrift, type Difference, formatDriftReport } from "./drift";
import { MigrationError, readMigrations } from "./files";
import { migrationsDir, repoPrismaDir, schemaPrismaPath } from "./paths";

const baseUrl = process.env.DATABASE_URL as string;
const allowlistPath = path.join(repoPrismaDir, "drift-allowlist.json");

/** The repo's migrations plus, when given, one more applied after them. */
function migrationsWith(sql?: string) {
  const dir = tempDir("burrow-drift-");
  cpSync(migrationsDir, dir, { recursive: true });
  if (sql) {
    mkdirSync(path.join(dir, "29990101000000_break"));
    writeFileSync(path.join(dir, "29990101000000_break", "migration.sql"), sql);
  }
  return dir;
}

/** The repo's schema.prisma, edited. */
function schemaWith(edit: (text: string) => string) {
  const file = path.join(tempDir("burrow-drift-"), "schema.prisma");
  writeFileSync(file, edit(readFileSync(schemaPrismaPath, "utf8")));
  return file;
}

const drift = (opts: { sql?: string; schemaPath?: string } = {}) =>
  checkDrift({
    databaseUrl: baseUrl,
    migrationsDir: migrationsWith(opts.sql),
    schemaPath: opts.schemaPath ?? schemaPrismaPath,
    allowlistPath,
    prismaDiff: false,
  });

async function scratchDatabases() {
  const admin = new URL(baseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return (
      await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'drift\\_%'")
    ).rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe("checkDrift on the repository", () => {
  it("finds no drift between prisma/migrations and schema.prisma, and drops its scratch database", async () => {
    const report = await drift();
    expect(report.differences).toEqual([]);
    // Counted independently of the check: from the files it reads.
    const schema = readFileSync(schemaPrismaPath, "utf8");
    const count = (re: RegExp) => schema.match(re)?.length ?? 0;
    const expected = {
      migrations: readMigrations(migrationsDir).length,
      tables: count(/^model \w+ \{/gm),
      enums: count(/^enum \w+ \{/gm),
      foreignKeys: count(/@relation\([^)]*fields:/g),
      allowlisted: (JSON.parse(readFileSync(allowlistPath, "utf8")) as { allow: unknown[] }).allow.length,
    };
    expect(report.counts).toMatchObject(expected);
    expect(report.checks.some((c) => c.startsWith("prisma migrate diff: skipped"))).toBe(true);
    expect(formatDriftReport(report)).toMatch(
      new RegExp(
        `^No drift: ${expected.tables} tables, \\d+ columns, \\d+ indexes, ${expected.foreignKeys} foreign keys and ${expected.enums} enums match schema\\.prisma; ${expected.allowlisted} allow-listed`,
        "m",
      ),
    );
    expect(await scratchDatabases()).toEqual([]);
  });

  it("drops the scratch database when a migration fails", async () => {
    const err = await drift({ sql: `SELECT * FROM "pets"."no_such_table";` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).code).toBe("P3018");
    expect(await scratchDatabases()).toEqual([]);
  });
});

describe("checkDrift catches a migration that breaks the schema", () => {
  const cases: [string, string, Partial<Difference>][] = [
    [
      "missing column",
      // A column no allow-listed index depends on (dropping one would also report a stale entry).
      `ALTER TABLE "pets"."listings" DROP COLUMN "time_zone";`,
      {
        kind: "missing-column",
        object: "pets.listings.time_zone",
        expected: "character varying(64) NOT NULL",
        actual: null,
      },
    ],
    [
      "wrong type",
      `ALTER TABLE "pets"."listings" ALTER COLUMN "title" TYPE VARCHAR(200);`,
      {
        kind: "column-type",
        object: "pets.listings.title",
        expected: "character varying(120)",
        actual: "character varying(200)",
      },
    ],
    [
      "nullability changed",
      `ALTER TABLE "identity"."users" ALTER COLUMN "email" DROP NOT NULL;`,
      { kind: "column-nullability", object: "identity.users.email", expected: "NOT NULL", actual: "NULL" },
    ],
    [
      "default changed",
      `ALTER TABLE "pets"."bookings" ALTER COLUMN "status" SET DEFAULT 'ACCEPTED';`,
      { kind: "column-default", object: "pets.bookings.status", expected: "'REQUESTED'", actual: "'ACCEPTED'" },
    ],
    [
      "default dropped",
      `ALTER TABLE "identity"."users" ALTER COLUMN "created_at" DROP DEFAULT;`,
      { kind: "column-default", object: "identity.users.created_at", expected: "CURRENT_TIMESTAMP", actual: null },
    ],
    [
      "missing unique",
      `DROP INDEX "identity"."users_email_key";`,
      { kind: "missing-unique", object: "identity.users.users_email_key", actual: null },
    ],
    [
      "missing index",
      `DROP INDEX "pets"."listings_city_status_idx";`,
      { kind: "missing-index", object: "pets.listings.listings_city_status_idx", actual: null },
    ],
    [
      "missing foreign key",
      `ALTER TABLE "pets"."bookings" DROP CONSTRAINT "bookings_owner_id_fkey";`,
      { kind: "missing-foreign-key", object: "pets.bookings.bookings_owner_id_fkey", actual: null },
    ],
    [
      "foreign key with the wrong ON DELETE",
      `ALTER TABLE "pets"."bookings" DROP CONSTRAINT "bookings_listing_id_fkey";
       ALTER TABLE "pets"."bookings" ADD CONSTRAINT "bookings_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "pets"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;`,
      {
        kind: "foreign-key-definition",
        object: "pets.bookings.bookings_listing_id_fkey",
        expected: expect.stringContaining("ON DELETE RESTRICT ON UPDATE CASCADE"),
        actual: expect.stringContaining("ON DELETE CASCADE ON UPDATE CASCADE"),
      },
    ],
    [
      "extra table",
      `CREATE TABLE "pets"."notes" ("id" TEXT NOT NULL, CONSTRAINT "notes_pkey" PRIMARY KEY ("id"));`,
      { kind: "extra-table", object: "pets.notes", expected: null },
    ],
    [
      "extra column",
      `ALTER TABLE "pets"."listings" ADD COLUMN "rating" INTEGER;`,
      { kind: "extra-column", object: "pets.listings.rating", actual: "integer" },
    ],
    [
      "enum value missing",
      `ALTER TYPE "pets"."Species" RENAME TO "Species_old";
       CREATE TYPE "pets"."Species" AS ENUM ('DOG', 'CAT', 'BIRD', 'RABBIT', 'RODENT', 'REPTILE', 'OTHER');
       ALTER TABLE "pets"."listings" ALTER COLUMN "species" TYPE "pets"."Species"[] USING "species"::text[]::"pets"."Species"[];
       DROP TYPE "pets"."Species_old";`,
      {
        kind: "enum-values",
        object: "pets.Species",
        expected: "DOG, CAT, BIRD, RABBIT, RODENT, REPTILE, FISH, OTHER",
        actual: "DOG, CAT, BIRD, RABBIT, RODENT, REPTILE, OTHER",
      },
    ],
    [
      "enum value extra",
      `ALTER TYPE "identity"."Role" ADD VALUE 'OWNER';`,
      {
        kind: "enum-values",
        object: "identity.Role",
        expected: "TENANT, SITTER, ADMIN",
        actual: "TENANT, SITTER, ADMIN, OWNER",
      },
    ],
    [
      "CHECK constraint not in the allow-list",
      `ALTER TABLE "pets"."listings" ADD CONSTRAINT "listings_title_check" CHECK (length("title") > 0);`,
      { kind: "not-allowlisted", object: "pets.listings.listings_title_check", actual: "CHECK constraint" },
    ],
    [
      "partial index not in the allow-list",
      `CREATE INDEX "listings_active_city_idx" ON "pets"."listings"("city") WHERE "status" = 'ACTIVE';`,
      {
        kind: "not-allowlisted",
        object: "pets.listings.listings_active_city_idx",
        actual: "partial or expression index",
      },
    ],
    [
      "trigger not in the allow-list",
      `CREATE FUNCTION "pets"."touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
       CREATE TRIGGER "listings_touch" BEFORE UPDATE ON "pets"."listings" FOR EACH ROW EXECUTE FUNCTION "pets"."touch"();`,
      { kind: "not-allowlisted", object: "pets.listings.listings_touch", actual: "trigger" },
    ],
    [
      "allow-list entry that matches nothing (stale)",
      `ALTER TABLE "pets"."bookings" DROP CONSTRAINT "bookings_pets_check";`,
      {
        kind: "stale-allowlist",
        object: "pets.bookings.bookings_pets_check",
        expected: "CHECK constraint",
        actual: null,
      },
    ],
  ];

  it.each(cases)("%s", async (_title, sql, expected) => {
    const { differences } = await drift({ sql });
    expect(differences).toEqual([expect.objectContaining(expected)]);
  });

  it("prints each difference on its own line with a fix", async () => {
    const report = await drift({ sql: `ALTER TABLE "pets"."listings" DROP COLUMN "description";` });
    expect(formatDriftReport(report)).toContain(
      `✗ missing-column pets.listings.description: expected text NOT NULL, found nothing\n      fix: ALTER TABLE "pets"."listings" ADD COLUMN "description" text NOT NULL`,
    );
  });
});

describe("checkDrift catches a schema.prisma change against unchanged migrations", () => {
  it("reports a new optional field as a missing column", async () => {
    const schemaPath = schemaWith((s) => s.replace(/^(\s+maxPets\s+Int\s+@map\("max_pets"\)\n)/m, "$1  rating Int?\n"));
    const { differences } = await drift({ schemaPath });
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "missing-column",
        object: "pets.listings.rating",
        expected: "integer",
        actual: null,
      }),
    ]);
  });

  it("accepts a model using autoincrement, Decimal, lists, DESC and mapped names when the migration matches Prisma's DDL", async () => {
    const schemaPath = schemaWith((s) =>
      s
        .replace(/(\n\s+blocks\s+AvailabilityBlock\[\]\n\n\s+@@index\(\[sitterId\]\))/, "\n  ratings  Rating[]$1")
        .concat(`
model Rating {
  id        Int      @id @default(autoincrement())
  listingId String?  @map("listing_id")
  score     Decimal  @default(0.50)
  tags      String[] @default([])
  delta     BigInt   @default(-1)
  note      String   @default("it's") @db.VarChar(200)
  createdAt DateTime @default(now()) @map("created_at")

  listing Listing? @relation(fields: [listingId], references: [id], map: "ratings_listing_fk")

  @@unique([listingId, note], map: "ratings_listing_note")
  @@index([score(sort: Desc)])
  @@map("ratings")
  @@schema("pets")
}
`),
    );
    const sql = `
CREATE TABLE "pets"."ratings" (
    "id" SERIAL NOT NULL,
    "listing_id" TEXT,
    "score" DECIMAL(65,30) NOT NULL DEFAULT 0.50,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "delta" BIGINT NOT NULL DEFAULT -1,
    "note" VARCHAR(200) NOT NULL DEFAULT 'it''s',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ratings_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ratings_listing_note" ON "pets"."ratings"("listing_id", "note");
CREATE INDEX "ratings_score_idx" ON "pets"."ratings"("score" DESC);
ALTER TABLE "pets"."ratings" ADD CONSTRAINT "ratings_listing_fk" FOREIGN KEY ("listing_id") REFERENCES "pets"."listings"("id") ON DELETE SET NULL ON UPDATE CASCADE;
`;
    expect((await drift({ sql, schemaPath })).differences).toEqual([]);
    // …and the same schema without that migration: the table is missing.
    expect((await drift({ schemaPath })).differences).toEqual([
      expect.objectContaining({ kind: "missing-table", object: "pets.ratings" }),
    ]);
  });
});
