// The LOGIN roles `pnpm dev` and the e2e run start each app under: members of the app_roles
// migration's NOLOGIN templates, so an app that wrote what it does not own (web → pets) fails with
// a permission error instead of passing as the schema owner would. Migrations, seed and the e2e
// fixtures keep the owner's DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";

const APP_ROLES = {
  web: { login: "burrow_web_app", template: "burrow_web" },
  pets: { login: "burrow_pets_app", template: "burrow_pets" },
} as const;

type App = keyof typeof APP_ROLES;

/**
 * Run after migrations, as the owner: creates each app's LOGIN role when missing (roles belong to
 * the cluster), gives it a fresh random password and returns each app's DATABASE_URL: the owner's
 * with the role's credentials and `application_name=burrow-<app>`, which pg_stat_activity shows.
 */
export async function appDatabaseUrls(ownerUrl: string): Promise<Record<App, string>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  async function loginUrl(app: App): Promise<string> {
    const { login, template } = APP_ROLES[app];
    // Hex only, so it needs no quoting in SQL or in the URL.
    const password = randomBytes(24).toString("hex");
    await client.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${login}') THEN CREATE ROLE ${login}; END IF;
       END $$`,
    );
    await client.query(`ALTER ROLE ${login} LOGIN PASSWORD '${password}'`);
    await client.query(`GRANT ${template} TO ${login}`);
    const url = new URL(ownerUrl);
    url.username = login;
    url.password = password;
    url.searchParams.set("application_name", `burrow-${app}`);
    return url.toString();
  }
  await client.connect();
  try {
    return { web: await loginUrl("web"), pets: await loginUrl("pets") };
  } finally {
    await client.end();
  }
}
