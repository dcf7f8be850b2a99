// Account deletion end to end: a user the test signs up becomes a sitter, lists a home in pets,
// gets a stay request (a notification in web's Mongo) and a profile, then deletes the account on
// web. Both stores are read directly afterwards: the PostgreSQL user anonymised, every session gone
// (both apps sign the user out), the listing archived, the Mongo profile and notifications gone.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { MongoClient } from "mongodb";
import pg from "pg";
import { signIn, uniqueEmail } from "./auth";
import { pets, web } from "./urls";

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

function required(name: "DATABASE_URL" | "MONGODB_URI"): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through \`pnpm e2e:local\` or \`pnpm test:all\``);
  return value;
}

async function postgres<T extends pg.QueryResultRow>(query: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: required("DATABASE_URL") });
  await client.connect();
  try {
    return (await client.query<T>(query, values)).rows;
  } finally {
    await client.end();
  }
}

/** The user's documents in web's Mongo collections. */
async function mongoDocuments(userId: string) {
  const client = await MongoClient.connect(required("MONGODB_URI"));
  try {
    const db = client.db();
    return {
      profiles: await db.collection("profiles").countDocuments({ userId }),
      notifications: await db.collection("notifications").countDocuments({ userId }),
      deletion: await db.collection("account_deletions").findOne({ _id: userId as never }),
    };
  } finally {
    await client.close();
  }
}

async function signedIn(browser: Browser, email: string, callbackUrl?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, callbackUrl);
  return page;
}

test("a new user deletes their account: PostgreSQL anonymised, Mongo emptied, signed out of both apps", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("leaver");
  const title = `Leaver's flat ${Date.now().toString(36)}`;

  // Signing in for the first time creates the user; they become a sitter and fill in a profile.
  const page = await signedIn(browser, email, `${web.url}/account`);
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await page.getByRole("button", { name: "Become a sitter" }).click();
  await expect(page.getByTestId("account-role")).toHaveText("Sitter");
  const [created] = await postgres<{ id: string }>("SELECT id FROM identity.users WHERE email = $1", [email]);
  const userId = created?.id ?? "";
  await page.goto(`${web.url}/account/profile`);
  await page.getByLabel("About you").fill("I look after dogs.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  // A listing in pets (the same session: one cookie for both apps).
  await page.goto(`${pets.url}/listings/new`);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description").fill("A garden, two walks a day.");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Nightly price").fill("40");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByRole("checkbox", { name: "Dog" }).check();
  await page.getByLabel("Most pets at once").fill("2");
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page).toHaveURL(/\/listings\/[a-z0-9]+\/availability\?created=1$/);
  const listingId = new URL(page.url()).pathname.split("/")[2] ?? "";

  // Another new user asks for a stay; pets' outbox tells the sitter in web's Mongo.
  const asker = await signedIn(
    browser,
    uniqueEmail("asker"),
    `${pets.url}/book/${listingId}?start=${inDays(20)}&end=${inDays(22)}&pets=1`,
  );
  await asker.getByRole("button", { name: "Request this stay" }).click();
  await expect(asker).toHaveURL(/\/stays\/[a-z0-9]+$/);
  const requestId = new URL(asker.url()).pathname.split("/")[2] ?? "";
  await expect
    .poll(async () => (await mongoDocuments(userId)).notifications, { message: "the stay request's notification" })
    .toBe(1);
  expect((await mongoDocuments(userId)).profiles).toBe(1);

  // A second session, in pets only.
  const elsewhere = await signedIn(browser, email, `${pets.url}/listings`);
  await expect(elsewhere).toHaveURL(`${pets.url}/listings`);
  expect(
    (await postgres<{ n: number }>("SELECT count(*)::int AS n FROM identity.sessions WHERE user_id = $1", [userId]))[0]
      ?.n,
  ).toBe(2);

  // Confirming with another address is a field error and deletes nothing.
  await page.goto(`${web.url}/account/delete`);
  const confirm = page.getByLabel(`Type ${email} to confirm`);
  await confirm.fill("someone-else@burrow.test");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(confirm).toHaveAccessibleDescription("Type your e-mail address exactly as shown to confirm");
  await confirm.fill(email);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(`${web.url}/?account=deleted`);

  // PostgreSQL: the user anonymised, no sessions, the listing archived and its request declined.
  const [user] = await postgres<{ email: string; name: string | null; screenname: string | null; deleted: boolean }>(
    "SELECT email, name, screenname, deleted_at IS NOT NULL AS deleted FROM identity.users WHERE id = $1",
    [userId],
  );
  expect(user).toEqual({
    email: `deleted-${userId}@users.burrow.invalid`,
    name: null,
    screenname: null,
    deleted: true,
  });
  expect(await postgres("SELECT count(*)::int AS n FROM identity.sessions WHERE user_id = $1", [userId])).toEqual([
    { n: 0 },
  ]);
  expect(await postgres("SELECT status FROM pets.listings WHERE id = $1", [listingId])).toEqual([
    { status: "ARCHIVED" },
  ]);
  expect(await postgres("SELECT status FROM pets.bookings WHERE id = $1", [requestId])).toEqual([
    { status: "DECLINED" },
  ]);

  // Mongo: profile and notifications gone, the saga's log finished.
  const left = await mongoDocuments(userId);
  expect(left).toMatchObject({ profiles: 0, notifications: 0, deletion: { finishedAt: expect.any(Date) } });

  // Both browsers are signed out in both apps.
  for (const browserPage of [page, elsewhere]) {
    await browserPage.goto(`${web.url}/account`);
    await expect(browserPage).toHaveURL(new RegExp(`^${web.url}/auth/signin\\?`));
    await browserPage.goto(`${pets.url}/listings`);
    await expect(browserPage).toHaveURL(new RegExp(`^${web.url}/auth/signin\\?`));
  }
  for (const p of [page, asker, elsewhere]) await p.context().close();
});
