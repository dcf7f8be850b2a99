import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { appDatabaseUrls } from "./app-roles";

const ownerUrl = process.env.DATABASE_URL as string;

async function asLogin<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await asLogin(ownerUrl, (owner) => owner.query("DROP ROLE IF EXISTS burrow_web_app, burrow_pets_app"));
});

describe("appDatabaseUrls", () => {
  it("logs each app in as its role, named in pg_stat_activity; a second run rotates the passwords", async () => {
    const first = await appDatabaseUrls(ownerUrl);
    const urls = await appDatabaseUrls(ownerUrl);
    await expect(asLogin(first.web, async () => {})).rejects.toMatchObject({ code: "28P01" });

    for (const [app, role] of [
      ["web", "burrow_web_app"],
      ["pets", "burrow_pets_app"],
    ] as const) {
      const seen = await asLogin(urls[app], async (client) => {
        const { rows } = await client.query("SELECT current_user, current_setting('application_name') AS name");
        return rows[0];
      });
      expect(seen).toEqual({ current_user: role, name: `burrow-${app}` });
    }
  });

  it("gives web's role reads of pets but no writes, and pets' role both", async () => {
    const urls = await appDatabaseUrls(ownerUrl);
    await asLogin(urls.web, async (web) => {
      await web.query("SELECT count(*) FROM pets.listings");
      await expect(web.query("DELETE FROM pets.listings WHERE false")).rejects.toMatchObject({ code: "42501" });
    });
    await asLogin(urls.pets, (pets) => pets.query("DELETE FROM pets.listings WHERE false"));
  });
});
