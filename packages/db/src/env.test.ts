import { describe, expect, it } from "vitest";
import { parseDbEnv, parseToolEnv, splitDatabaseUrl } from "./env";

describe("parseDbEnv", () => {
  it("names a missing DATABASE_URL", () => {
    expect(() => parseDbEnv({})).toThrow(/DATABASE_URL/);
  });
  it("rejects a non-PostgreSQL URL", () => {
    expect(() => parseDbEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql:\/\/ URL/);
  });
  it("defaults the pool size and bounds it", () => {
    expect(parseDbEnv({ DATABASE_URL: "postgresql://u@h/db" }).DATABASE_POOL_SIZE).toBe(10);
    expect(() => parseDbEnv({ DATABASE_URL: "postgresql://u@h/db", DATABASE_POOL_SIZE: "0" })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
  });
  it("takes an optional direct URL for LISTEN, checked like DATABASE_URL", () => {
    expect(parseDbEnv({ DATABASE_URL: "postgresql://u@pooler/db" }).DATABASE_DIRECT_URL).toBeUndefined();
    expect(
      parseDbEnv({ DATABASE_URL: "postgresql://u@pooler/db", DATABASE_DIRECT_URL: "postgresql://u@primary/db" })
        .DATABASE_DIRECT_URL,
    ).toBe("postgresql://u@primary/db");
    expect(() => parseDbEnv({ DATABASE_URL: "postgresql://u@h/db", DATABASE_DIRECT_URL: "http://x" })).toThrow(
      /DATABASE_DIRECT_URL must be a postgresql:\/\/ URL/,
    );
  });
  it("reads optional replica URLs, naming the variable and the entry that is malformed", () => {
    const base = { DATABASE_URL: "postgresql://u@primary/db" };
    expect(parseDbEnv(base).DATABASE_REPLICA_URLS).toEqual([]);
    expect(
      parseDbEnv({ ...base, DATABASE_REPLICA_URLS: " postgresql://u@r1/db, postgresql://u@r2:5433/db " })
        .DATABASE_REPLICA_URLS,
    ).toEqual(["postgresql://u@r1/db", "postgresql://u@r2:5433/db"]);
    expect(() => parseDbEnv({ ...base, DATABASE_REPLICA_URLS: "postgresql://u@r1/db,r2:5432" })).toThrow(
      /DATABASE_REPLICA_URLS: entry 2 is not a postgresql:\/\/host\/database URL/,
    );
    expect(() => parseDbEnv({ ...base, DATABASE_REPLICA_URLS: "postgresql://" })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(parseDbEnv(base).REPLICA_MAX_LAG_SECONDS).toBe(10);
    expect(() => parseDbEnv({ ...base, REPLICA_MAX_LAG_SECONDS: "soon" })).toThrow(/REPLICA_MAX_LAG_SECONDS/);
  });
  it("sends named prepared statements unless DATABASE_UNNAMED_STATEMENTS is on", () => {
    const url = { DATABASE_URL: "postgresql://u@h/db" };
    expect(parseDbEnv(url).DATABASE_UNNAMED_STATEMENTS).toBe(false);
    expect(parseDbEnv({ ...url, DATABASE_UNNAMED_STATEMENTS: "1" }).DATABASE_UNNAMED_STATEMENTS).toBe(true);
    expect(() => parseDbEnv({ ...url, DATABASE_UNNAMED_STATEMENTS: "maybe" })).toThrow(/DATABASE_UNNAMED_STATEMENTS/);
  });
});

describe("parseToolEnv", () => {
  it("reads 0/false/off as off and 1/true/on as on", () => {
    for (const off of ["0", "false", "OFF", "no"]) expect(parseToolEnv({ BURROW_DEBUG: off }).BURROW_DEBUG).toBe(false);
    for (const on of ["1", "true", "On", "yes"]) expect(parseToolEnv({ BURROW_DEBUG: on }).BURROW_DEBUG).toBe(true);
    expect(parseToolEnv({}).PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK).toBe(false);
  });
  it("names a malformed flag", () => {
    expect(() => parseToolEnv({ BURROW_DEBUG: "maybe" })).toThrow(/BURROW_DEBUG/);
  });
});

describe("splitDatabaseUrl", () => {
  it("takes ?schema= off the URL, public by default", () => {
    expect(splitDatabaseUrl("postgresql://u@h/db?schema=app&sslmode=disable")).toEqual({
      connectionString: "postgresql://u@h/db?sslmode=disable",
      schema: "app",
    });
    expect(splitDatabaseUrl("postgresql://u@h/db").schema).toBe("public");
  });
});
