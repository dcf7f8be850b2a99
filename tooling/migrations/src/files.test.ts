import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@burrow/testing";
import { describe, expect, it } from "vitest";
import { checksumOf, datasourceSchemas, readMigrations, sameChecksum } from "./files";
import { migrationsDir } from "./paths";

function dirWith(files: Record<string, string>) {
  const dir = tempDir("burrow-files-");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe("readMigrations", () => {
  it("lists folders with a migration.sql in name order, with the SHA-256 of the bytes", () => {
    const dir = dirWith({
      "migration_lock.toml": 'provider = "postgresql"\n',
      "20260102000000_b/migration.sql": "SELECT 2;\n",
      "20260101000000_a/migration.sql": "SELECT 1;\r\n",
      "20260103000000_no_sql/README.md": "not a migration",
    });
    const found = readMigrations(dir);
    expect(found.map((m) => m.name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(found[0]!.checksum).toBe(createHash("sha256").update("SELECT 1;\r\n").digest("hex"));
  });

  it("rejects a lock file for another provider (P3019)", () => {
    const dir = dirWith({ "migration_lock.toml": 'provider = "sqlite"\n', "20260101000000_a/migration.sql": "" });
    expect(() => readMigrations(dir)).toThrow(/P3019/);
  });
});

describe("sameChecksum", () => {
  it("treats CRLF and LF versions of a file as the same migration, but not other edits", () => {
    const sql = "SELECT 1;\nSELECT 2;\n";
    const migration = { name: "m", sql, checksum: checksumOf(sql), supersededChecksums: [] };
    expect(sameChecksum(checksumOf("SELECT 1;\r\nSELECT 2;\r\n"), migration)).toBe(true);
    expect(sameChecksum(migration.checksum, migration)).toBe(true);
    expect(sameChecksum(checksumOf("SELECT 1;\nSELECT 3;\n"), migration)).toBe(false);
  });

  it("accepts the checksum of a text a reviewed history exception superseded", () => {
    const old = checksumOf("SELECT 0;\n");
    const migration = {
      name: "m",
      sql: "SELECT 1;\n",
      checksum: checksumOf("SELECT 1;\n"),
      supersededChecksums: [old],
    };
    expect(sameChecksum(old, migration)).toBe(true);
    expect(sameChecksum(old, { ...migration, supersededChecksums: [] })).toBe(false);
  });

  it("reads superseded checksums from migration-history-exceptions.json next to the migrations", () => {
    const repo = readMigrations(migrationsDir).find((m) => m.name === "20261128043847_health_read_migrations");
    expect(repo?.supersededChecksums).toEqual(["d6b5936ba5d299a2ec34473ff5c829704e6cff4b502e477903eee88c156e0206"]);
  });
});

describe("datasourceSchemas", () => {
  it("reads the schemas list from the datasource block only", () => {
    const text = `generator client { provider = "prisma-client" }\ndatasource db {\n  provider = "postgresql"\n  schemas  = ["identity", "pets"]\n}\nmodel X { id Int @id @@schema("other") }`;
    expect(datasourceSchemas(text)).toEqual(["identity", "pets"]);
    expect(datasourceSchemas(`datasource db { provider = "postgresql" }`)).toEqual([]);
  });
});
