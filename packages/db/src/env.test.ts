import { describe, expect, it } from "vitest";
import { parseDbEnv } from "./env";

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
});
