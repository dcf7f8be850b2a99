// The README's test command: lint, types, migrations (deploy + drift), vitest unit and
// integration on real PostgreSQL + a Mongo-wire server, production builds, Playwright e2e in
// Chromium. Ends with one line "N passed, N failed" summing every tier.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureServices, repoRoot, stopServices } from "@burrow/testing/services";
import { ensureChromium } from "./lib/chromium";
import { runPlaywright } from "./lib/e2e-run";
import { migrateDevCreatesNothing } from "./lib/prisma-in-sync";
import { pnpm } from "./lib/run";

const tally = { passed: 0, failed: 0 };
const failures: string[] = [];

function record(label: string, ok: boolean) {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(label);
  }
  console.log(`\n[test-all] ${ok ? "ok  " : "FAIL"} ${label}\n`);
}

async function step(label: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  console.log(`\n[test-all] ── ${label}: pnpm ${args.join(" ")}`);
  const ok = (await pnpm(args, { env })) === 0;
  record(label, ok);
  return ok;
}

interface Counts {
  passed: number;
  failed: number;
}
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

/** Adds a JSON report's per-test counts; a missing report (runner crashed) counts as a failure. */
function countReport<R>(label: string, file: string, read: (report: R) => Counts, exitOk: boolean) {
  const full = path.join(repoRoot, file);
  if (!existsSync(full)) {
    record(`${label} (no report: runner did not finish)`, false);
    return;
  }
  const { passed, failed } = read(JSON.parse(readFileSync(full, "utf8")) as R);
  tally.passed += passed;
  tally.failed += failed;
  if (failed > 0 || !exitOk) failures.push(label);
  if (failed === 0 && !exitOk) tally.failed++;
  console.log(`\n[test-all] ${label}: ${passed} passed, ${failed} failed\n`);
}

// Skipped, todo and not-run tests count as failed: nothing may be left behind unrun.
const vitestCounts = (r: VitestReport): Counts => ({
  passed: r.numPassedTests,
  failed: r.numTotalTests - r.numPassedTests,
});
const playwrightCounts = (r: PlaywrightReport): Counts => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected + r.stats.skipped + r.errors.length,
});

async function main() {
  const started = Date.now();
  rmSync(path.join(repoRoot, "test-results"), { recursive: true, force: true });
  const baseEnv = { NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

  await step("lint (biome)", ["exec", "biome", "check", "."], baseEnv);
  await step("typecheck", ["typecheck"], baseEnv);
  // Immutability is checked against origin/main's merge base where one exists, and --history walks
  // that base's first-parent history (in CI's fresh clone of main the base is HEAD itself, so only the
  // walk can see an edit that already landed); the pre-commit hook checks every commit against its parent.
  await step("validate migrations", ["db:validate", "--history"], baseEnv);

  const { databaseUrl, mongoUri, s3 } = await ensureServices();
  const env = { ...baseEnv, ...s3, DATABASE_URL: databaseUrl, MONGODB_URI: mongoUri };

  // The stock Prisma CLI (on the WebAssembly engine where the native one cannot be downloaded).
  const migrated = await step("prisma migrate deploy on a fresh database", ["prisma", "migrate", "deploy"], env);
  await step("prisma migrate status is up to date", ["prisma", "migrate", "status"], env);
  await step("db:status agrees on the database Prisma migrated", ["db:status"], env);
  await step(
    "drift check: prisma migrate diff (migrations vs schema.prisma)",
    [
      "prisma",
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema",
      "prisma/schema.prisma",
      "--exit-code",
    ],
    env,
  );
  record("prisma migrate dev --create-only writes no SQL", await migrateDevCreatesNothing(env));
  await step("objects schema.prisma cannot express (db:check)", ["db:check"], env);

  if (migrated) {
    const ok = (await pnpm(["exec", "vitest", "run"], { env })) === 0;
    countReport("vitest (unit + integration)", "test-results/vitest.json", vitestCounts, ok);
  }

  ensureChromium();
  const seeded = migrated && (await step("seed demo data", ["db:seed"], env));
  const built = await step("build both apps (next build)", ["build"], env);
  if (built && seeded) {
    const ok = (await runPlaywright(env)) === 0;
    countReport("playwright e2e", "test-results/e2e.json", playwrightCounts, ok);
  } else {
    record("playwright e2e (skipped: build or seed failed)", false);
  }

  await stopServices();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (failures.length) console.log(`[test-all] failed: ${failures.join("; ")}`);
  console.log(`[test-all] finished in ${minutes} min`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stopServices();
  console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
  process.exit(1);
});
