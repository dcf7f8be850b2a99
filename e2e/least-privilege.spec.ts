import pg from "pg";
import { expect, FIXTURES_APP, test } from "./fixtures";
import { pets, web } from "./urls";

// The running apps connect as their LOGIN roles (scripts/lib/app-roles.ts), not as the schema owner
// the fixtures use, and web's role can only read the pets schema: the rest of the suite passing
// proves neither app needs more than docs/architecture.md's ownership table grants.

async function withClient<T>(connectionString: string | undefined, use: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

test("each running app connects to PostgreSQL as its own role, and none as the owner", async ({ request }) => {
  // Readiness queries PostgreSQL, so each app's pool holds a connection right after.
  for (const app of [web, pets]) expect((await request.get(`${app.url}/api/health/ready`)).status()).toBe(200);

  // Every connection but this one and the fixtures' (owners by design) is an app's.
  await withClient(process.env.DATABASE_URL, async (owner) => {
    const { rows } = await owner.query<{ application_name: string; usename: string }>(
      `SELECT DISTINCT application_name, usename FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
          AND application_name <> $1
        ORDER BY 1, 2`,
      [FIXTURES_APP],
    );
    expect(rows).toEqual([
      { application_name: "burrow-pets", usename: "burrow_pets_app" },
      { application_name: "burrow-web", usename: "burrow_web_app" },
    ]);
  });
});

test("web's role reads the pets schema but cannot write it; pets' role can", async ({ sitter }) => {
  // WHERE false: the privilege check happens before any row is touched, and nothing changes.
  const writes = [
    "INSERT INTO pets.listings SELECT * FROM pets.listings WHERE false",
    "UPDATE pets.listings SET title = title WHERE false",
    "DELETE FROM pets.bookings WHERE false",
    "DELETE FROM pets.outbox_events WHERE false",
  ];
  await withClient(process.env.WEB_DATABASE_URL, async (webRole) => {
    const { rows } = await webRole.query("SELECT current_user, title FROM pets.listings WHERE id = $1", [
      sitter.listing.id,
    ]);
    expect(rows).toEqual([{ current_user: "burrow_web_app", title: sitter.listing.title }]);
    for (const sql of writes) await expect(webRole.query(sql), sql).rejects.toMatchObject({ code: "42501" });
  });
  await withClient(process.env.PETS_DATABASE_URL, async (petsRole) => {
    expect((await petsRole.query("SELECT current_user")).rows[0]).toEqual({ current_user: "burrow_pets_app" });
    for (const sql of writes) await petsRole.query(sql);
  });
});
