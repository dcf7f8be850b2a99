// The PostgreSQL readiness checks on a scratch database migrated with the repo's migrations, then
// with the newest one missing (row deleted), failed (unfinished row), and behind a role that may not
// read _prisma_migrations; plus the outbox figures.

import { createPrismaClient, type Db, migrationLevelCheck, outboxCheck, postgresCheck, readiness } from "@burrow/db";
import { deploy, migrationsDir, readMigrations, repoMigrator } from "@burrow/migrations";
import { createScratchDatabase } from "@burrow/migrations/scratch";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const newest = readMigrations(migrationsDir).at(-1)?.name as string;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;
let sql: pg.Client;

const check = () =>
  readiness({ postgres: postgresCheck(db), migrations: migrationLevelCheck(newest, db, scratch.url) });

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL as string, "health");
  await deploy(repoMigrator(scratch.url));
  db = createPrismaClient(scratch.url, 2);
  sql = new pg.Client({ connectionString: scratch.url });
  await sql.connect();
});
afterAll(async () => {
  await sql.end();
  await db.$disconnect();
  await scratch.drop();
});

describe("PostgreSQL readiness", () => {
  it("is ready on a fully migrated database", async () => {
    expect(await check()).toEqual({
      httpStatus: 200,
      body: {
        status: "ready",
        checks: {
          postgres: { status: "ok", latencyMs: expect.any(Number) },
          migrations: {
            status: "ok",
            latencyMs: expect.any(Number),
            expected: newest,
            newestApplied: newest,
            failed: 0,
          },
        },
      },
    });
  });

  it("is not ready (503) while the build's newest migration is missing, rolled back or failed", async () => {
    const [row] = (await sql.query(`SELECT * FROM public."_prisma_migrations" WHERE migration_name = $1`, [newest]))
      .rows;
    await sql.query(`DELETE FROM public."_prisma_migrations" WHERE migration_name = $1`, [newest]);
    try {
      const missing = await check();
      expect(missing.httpStatus).toBe(503);
      expect(missing.body.checks.postgres?.status).toBe("ok");
      expect(missing.body.checks.migrations).toMatchObject({ status: "fail", error: `${newest} is not applied` });
      expect(missing.body.checks.migrations?.newestApplied).not.toBe(newest);
    } finally {
      await sql.query(
        `INSERT INTO public."_prisma_migrations" SELECT * FROM json_populate_record(NULL::public."_prisma_migrations", $1)`,
        [JSON.stringify(row)],
      );
    }
    expect((await check()).httpStatus).toBe(200);

    await sql.query(`UPDATE public."_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [
      newest,
    ]);
    expect((await check()).body.checks.migrations).toMatchObject({ status: "fail", error: `${newest} is not applied` });
    await sql.query(`UPDATE public."_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [newest]);

    await sql.query(`INSERT INTO public."_prisma_migrations" (id, checksum, migration_name, started_at)
                     VALUES ('failed-one', 'x', '29991231235959_half_done', now())`);
    expect((await check()).body.checks.migrations).toMatchObject({
      status: "fail",
      error: "1 migration(s) failed and are unresolved",
    });
    await sql.query(`DELETE FROM public."_prisma_migrations" WHERE id = 'failed-one'`);
    expect((await check()).httpStatus).toBe(200);
  });

  it("passes for the app roles (the grant migration) and fails with the SQLSTATE for a role without it", async () => {
    const suffix = scratch.name.slice(-12);
    const asRole = async (role: string, memberOf: string) => {
      await sql.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw' ${memberOf}`);
      const url = new URL(scratch.url);
      url.username = role;
      url.password = "pw";
      const client = createPrismaClient(url.toString(), 1);
      try {
        return await readiness({
          postgres: postgresCheck(client),
          migrations: migrationLevelCheck(newest, client, url.toString()),
        });
      } finally {
        await client.$disconnect();
        await sql.query(`DROP ROLE ${role}`);
      }
    };
    for (const app of ["burrow_web", "burrow_pets"]) {
      const result = await asRole(`health_${app.slice(7)}_${suffix}`, `IN ROLE ${app}`);
      expect(result.httpStatus, `${app}: ${JSON.stringify(result.body)}`).toBe(200);
    }
    const outsider = await asRole(`health_none_${suffix}`, "");
    expect(outsider.httpStatus).toBe(503);
    expect(outsider.body.checks.postgres?.status).toBe("ok");
    expect(outsider.body.checks.migrations).toMatchObject({ status: "fail", error: "failed (42501)" });
    expect(JSON.stringify(outsider.body)).not.toContain(suffix);
  });

  it("reports the outbox's oldest undelivered age and the parked count", async () => {
    const now = new Date("2027-01-10T12:00:00Z");
    await sql.query(
      `INSERT INTO pets.outbox_events (type, aggregate_id, payload, created_at, delivered_at, parked_at) VALUES
         ('booking.requested', 'a', '{}', '2027-01-10T11:58:00Z', NULL, NULL),
         ('booking.requested', 'b', '{}', '2027-01-10T11:59:30Z', NULL, NULL),
         ('booking.requested', 'c', '{}', '2027-01-10T10:00:00Z', '2027-01-10T10:00:01Z', NULL),
         ('booking.requested', 'd', '{}', '2027-01-10T09:00:00Z', NULL, '2027-01-10T09:30:00Z')`,
    );
    const { httpStatus, body } = await readiness({ outbox: outboxCheck(db, () => now) });
    expect(httpStatus).toBe(200);
    expect(body.checks.outbox).toEqual({
      status: "ok",
      latencyMs: expect.any(Number),
      undelivered: 2,
      lagSeconds: 120,
      parked: 1,
    });
  });
});
