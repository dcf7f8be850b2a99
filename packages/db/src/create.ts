// `burrow-db create`: the database DATABASE_URL names, created on its server when missing (the
// first step of `pnpm db:create`, which then migrates and seeds it).
import pg from "pg";

const INVALID_CATALOG_NAME = "3D000";
const DUPLICATE_DATABASE = "42P04";
const code = (error: unknown) => (error as { code?: string }).code;

async function withClient<T>(url: URL, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE through the first maintenance database the server has (as Prisma does). */
async function createThrough(
  url: URL,
  name: string,
  [maintenance, ...others]: string[],
): Promise<"created" | "exists"> {
  try {
    await withClient(new URL(`/${maintenance}${url.search}`, url), (client) =>
      client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
    );
    return "created";
  } catch (error) {
    if (code(error) === DUPLICATE_DATABASE) return "exists"; // created meanwhile
    if (code(error) === INVALID_CATALOG_NAME && others.length) return createThrough(url, name, others);
    throw error;
  }
}

/** Creates the database `databaseUrl` names unless it exists. */
export async function createDatabase(databaseUrl: string): Promise<"created" | "exists"> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error("DATABASE_URL names no database (postgresql://user:password@host:port/database)");
  try {
    await withClient(url, async () => {});
    return "exists";
  } catch (error) {
    if (code(error) !== INVALID_CATALOG_NAME) throw error;
  }
  return createThrough(url, name, ["postgres", "template1"]);
}
