import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "@burrow/testing/services";
import { describe, expect, it } from "vitest";

const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const cleanEnv = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MONGODB_URI;
  delete env.S3_ENDPOINT;
  return env;
};

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => {
      s.end();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });

describe("embedded services", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`start when no URLs are given and leave nothing running after ${signal}`, async () => {
      const child = spawn(tsx, [path.join(repoRoot, "scripts/lib/start-services-for-test.ts")], {
        env: cleanEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (c) => {
        out += String(c);
      });
      child.stderr.on("data", (c) => {
        err += String(c);
      });
      const urls = await new Promise<{ databaseUrl: string; mongoUri: string; s3Endpoint: string }>(
        (resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no URLs printed:\n${out}\n${err}`)), 150_000);
          child.stdout.on("data", () => {
            const line = out.split("\n").find((l) => l.startsWith("{"));
            if (line) {
              clearTimeout(timer);
              resolve(JSON.parse(line));
            }
          });
        },
      );
      expect(out).toMatch(/embedded PostgreSQL 18[.\d]* on 127\.0\.0\.1:\d+/);
      expect(out).toMatch(/FerretDB|mongodb-memory-server/);
      expect(out).toMatch(/SeaweedFS S3 on http:\/\/127\.0\.0\.1:\d+, bucket burrow-photos/);
      const pgPort = Number(new URL(urls.databaseUrl).port);
      const mongoPort = Number(new URL(urls.mongoUri).port);
      expect(await accepts(pgPort)).toBe(true);
      expect(await accepts(mongoPort)).toBe(true);
      const s3Port = Number(new URL(urls.s3Endpoint).port);
      expect(await accepts(s3Port)).toBe(true);

      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
      expect(await accepts(pgPort)).toBe(false);
      expect(await accepts(mongoPort)).toBe(false);
      expect(await accepts(s3Port)).toBe(false);
      // No orphaned server processes bound to those ports.
      const ps = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
      expect(ps).not.toContain(`-p ${pgPort}`);
      expect(ps).not.toContain(`127.0.0.1:${mongoPort}`);
      expect(ps).not.toContain(`-s3.port=${s3Port}`);
    }, 240_000);
  }
});

describe("burrow-db and burrow-migrations failures are one clear line", () => {
  const cli = path.join(repoRoot, "packages/db/bin/burrow-db.mjs");
  const migrations = path.join(repoRoot, "tooling/migrations/bin/burrow-migrations.mjs");
  const unreachable = "postgresql://postgres:x@127.0.0.1:1/burrow";

  it("names a missing DATABASE_URL", () => {
    for (const [bin, command] of [
      [cli, "clean"],
      [migrations, "status"],
    ] as const) {
      const r = spawnSync(process.execPath, [bin, command], { env: cleanEnv(), encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("DATABASE_URL");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("says the server is unreachable instead of dumping a stack; BURROW_DEBUG=1 (not 0) shows it", () => {
    const status = (debug: string) =>
      spawnSync(process.execPath, [migrations, "status"], {
        env: { ...cleanEnv(), DATABASE_URL: unreachable, BURROW_DEBUG: debug },
        encoding: "utf8",
      });
    const quiet = status("0");
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toMatch(/P1001: Can't reach the database server/);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    expect(status("1").stderr).toMatch(/\n\s+at /);
  });

  it("refuses to seed in production", () => {
    const r = spawnSync(process.execPath, [cli, "seed"], {
      env: { ...cleanEnv(), NODE_ENV: "production", DATABASE_URL: "postgresql://postgres:x@127.0.0.1:1/burrow" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("NODE_ENV=production");
  });
});
