// Playwright fixtures: every test gets users and listings of its own (unique e-mails, screennames,
// ids and cities), written straight into the migrated test database (DATABASE_URL, the owner's
// role) and web's MongoDB (MONGODB_URI), so no spec depends on the demo seed and parallel workers
// never share a row. Nothing is cleaned up: the data is new for each test.
import { type E2eBooking, type E2eData, type E2eListing, type E2eUser, e2eData } from "@burrow/testing/e2e-data";
import { webDocuments } from "@burrow/testing/web-documents";
import { type Browser, test as base, type Page } from "@playwright/test";
import { MongoClient } from "mongodb";
import pg from "pg";
import { signIn } from "./auth";

export { expect } from "@playwright/test";
export type { E2eListing, E2eUser };

const DAY_MS = 86_400_000;
const iso = (date: Date) => date.toISOString().slice(0, 10);
export const plusDays = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
export const today = () => iso(new Date());

/** A Monday about five weeks ahead and the Wednesday after: two nights, after "today" in every time zone. */
export function stayDates(): { start: string; end: string } {
  let start = plusDays(today(), 35);
  while (new Date(`${start}T00:00:00Z`).getUTCDay() !== 1) start = plusDays(start, 1);
  return { start, end: plusDays(start, 2) };
}

function required(name: "DATABASE_URL" | "MONGODB_URI"): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through \`pnpm e2e:local\` or \`pnpm test:all\``);
  return value;
}

/** The fixtures' connections' application_name: the only owner connections besides a spec's own. */
export const FIXTURES_APP = "burrow-e2e-fixtures";

export interface Sitter extends E2eUser {
  /** Active, every weekday open, in a city of its own (search by `listing.city`). */
  listing: E2eListing;
}

/** What the tenant and the sitter have been through together (see the `activity` fixture). */
export interface Activity {
  /** The tenant's accepted stay on the sitter's listing, five weeks ahead. */
  stay: E2eBooking;
  /** Another pet owner's open request on the same listing, a week after the stay. */
  request: E2eBooking;
  /** A published article by the sitter. */
  article: { slug: string; title: string };
}

interface Fixtures {
  /** A new pet owner (role TENANT). */
  tenant: E2eUser;
  /** A new sitter with one active listing. */
  sitter: Sitter;
  /** A new user with role ADMIN. */
  admin: E2eUser;
  /**
   * History between `tenant` and `sitter`, so pages show content rather than their empty states:
   * an accepted stay, another owner's request, a past stay both reviewed, profiles for both, an
   * article by the sitter and a notification for the tenant.
   */
  activity: Activity;
}

interface WorkerFixtures {
  /** The test database as its owner, for reading what the apps wrote. */
  pool: pg.Pool;
  /** Builders for more rows: users, listings, bookings, reviews, sessions (also in `beforeAll`). */
  data: E2eData;
  /** Builders for web's MongoDB documents: profiles, articles, notifications. */
  documents: ReturnType<typeof webDocuments>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  pool: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern.
    async ({}, use) => {
      const pool = new pg.Pool({ connectionString: required("DATABASE_URL"), application_name: FIXTURES_APP, max: 2 });
      await use(pool);
      await pool.end();
    },
    { scope: "worker" },
  ],
  data: [async ({ pool }, use) => use(e2eData(pool)), { scope: "worker" }],
  documents: [
    // biome-ignore lint/correctness/noEmptyPattern: as above.
    async ({}, use) => {
      const client = await MongoClient.connect(required("MONGODB_URI"));
      await use(webDocuments(client.db()));
      await client.close();
    },
    { scope: "worker" },
  ],
  tenant: async ({ data }, use) => use(await data.user("TENANT")),
  sitter: async ({ data }, use) => {
    const user = await data.user("SITTER");
    await use({ ...user, listing: await data.listing(user.id) });
  },
  admin: async ({ data }, use) => use(await data.user("ADMIN")),
  activity: async ({ data, documents, tenant, sitter }, use) => {
    const { listing } = sitter;
    const dates = stayDates();
    const stay = await data.booking(listing, tenant.id, { ...dates, status: "ACCEPTED" });
    const asker = await data.user("TENANT");
    const later = { start: plusDays(dates.start, 7), end: plusDays(dates.end, 7) };
    const request = await data.booking(listing, asker.id, { ...later, status: "REQUESTED", pets: 2 });
    const past = await data.booking(listing, tenant.id, {
      start: plusDays(today(), -40),
      end: plusDays(today(), -36),
      status: "COMPLETED",
    });
    await data.review(past, tenant.id, sitter.id, 5, "Daily photos and a very relaxed dog. We will be back.");
    await data.review(past, sitter.id, tenant.id, 5, "A lovely dog and clear instructions.");
    await documents.profile(sitter);
    await documents.profile(tenant);
    await documents.notification(tenant, `${sitter.name} accepted your stay`, `/listings/${listing.id}`);
    await use({ stay, request, article: await documents.article(sitter) });
  },
});

/**
 * `user` signed in through the real magic-link flow: on `target` itself when it is a page, else in
 * a new browser context (close it with `page.context().close()`).
 */
export async function signedIn(
  target: Page | Browser,
  user: Pick<E2eUser, "email">,
  callbackUrl?: string,
): Promise<Page> {
  const page = "newContext" in target ? await (await target.newContext()).newPage() : target;
  await signIn(page, user.email, callbackUrl);
  return page;
}
