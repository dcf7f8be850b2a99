import { describe, expect, it } from "vitest";
import { chooseEngine } from "./choose";
import { parseEngineEnv } from "./env";
import { tidyEngineError } from "./main";
import { versionMismatch } from "./version";

const version = "7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3";
const probe = (present: boolean, reachable: boolean) => {
  const calls: string[] = [];
  return {
    calls,
    present: () => {
      calls.push("present");
      return present;
    },
    reachable: async () => {
      calls.push("reachable");
      return reachable;
    },
  };
};

describe("chooseEngine", () => {
  it("leaves the stock CLI untouched where Prisma has its native engine or can download it", async () => {
    expect(await chooseEngine(parseEngineEnv({}), version, probe(true, false))).toMatchObject({ engine: "native" });
    const offlineInstalled = probe(false, true);
    expect(await chooseEngine(parseEngineEnv({}), version, offlineInstalled)).toMatchObject({ engine: "native" });
    expect(offlineInstalled.calls).toEqual(["present", "reachable"]);
  });

  it("hands the CLI the WebAssembly engine only where neither is possible", async () => {
    expect(await chooseEngine(parseEngineEnv({}), version, probe(false, false))).toEqual({
      engine: "wasm",
      reason: "the native engine is not installed and cannot be downloaded",
    });
  });

  it("honours a user's own engine and BURROW_SCHEMA_ENGINE without probing", async () => {
    const p = probe(true, true);
    expect(await chooseEngine(parseEngineEnv({ PRISMA_SCHEMA_ENGINE_BINARY: "/opt/se" }), version, p)).toEqual({
      engine: "custom",
      binary: "/opt/se",
    });
    expect(await chooseEngine(parseEngineEnv({ BURROW_SCHEMA_ENGINE: "wasm" }), version, p)).toMatchObject({
      engine: "wasm",
    });
    expect(
      await chooseEngine(parseEngineEnv({ BURROW_SCHEMA_ENGINE: "native" }), version, probe(false, false)),
    ).toMatchObject({ engine: "native" });
    expect(p.calls).toEqual([]);
  });

  it("names a bad BURROW_SCHEMA_ENGINE", () => {
    expect(() => parseEngineEnv({ BURROW_SCHEMA_ENGINE: "fast" })).toThrow(
      "BURROW_SCHEMA_ENGINE must be auto, native or wasm",
    );
  });
});

describe("versionMismatch", () => {
  it("is null when the WebAssembly engine is the CLI's build", () => {
    expect(versionMismatch({ cli: "7.10.0", engines: version, wasm: version })).toBeNull();
  });

  it("is one line naming both versions and the pin to change", () => {
    const line = versionMismatch(
      { cli: "7.10.1", engines: "8.1.0-1.d1b3f377", wasm: version },
      "packages/schema-engine/package.json",
    );
    expect(line).toBe(
      `schema engine version mismatch: prisma 7.10.1 expects engines 8.1.0-1.d1b3f377, but @prisma/schema-engine-wasm is ${version}; ` +
        `pin "@prisma/schema-engine-wasm": "8.1.0-1.d1b3f377" in packages/schema-engine/package.json ` +
        "(npm view @prisma/schema-engine-wasm versions) or stay on the Prisma release that has one.",
    );
    expect(line).not.toContain("\n");
  });
});

describe("tidyEngineError", () => {
  it("reports a failed migration as P3018 with its name and the database's error, without the span trace", () => {
    const raw =
      'external connector error\nError querying the database: ERROR: syntax error at or near ";"\n' +
      '   0: sql_schema_connector::apply_migration::apply_script\n           with migration_name="20260101000001_bad"\n' +
      "             at schema-engine/connectors/sql-schema-connector/src/apply_migration.rs:113";
    const { errorCode, message } = tidyEngineError(raw);
    expect(errorCode).toBe("P3018");
    expect(message).toMatch(/^A migration failed to apply\./);
    expect(message).toContain(
      'Migration name: 20260101000001_bad\n\nDatabase error:\nERROR: syntax error at or near ";"',
    );
    expect(message).not.toContain("apply_migration.rs");
  });

  it("keeps other messages, only dropping the trace", () => {
    expect(tidyEngineError("Error: missing field `datasource`\n   0: schema_engine_wasm::wasm::engine::Diff")).toEqual({
      message: "missing field `datasource`",
    });
  });
});
