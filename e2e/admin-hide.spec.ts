// An admin hides a listing on web: web calls pets' internal API with a service token, pets writes
// and records who did it, and the listing leaves the public pages until it is shown again.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./auth";
import { web } from "./urls";

const TITLE = "Cosy flat with a garden for dogs in Berlin";

async function one<T>(sql: string, params: unknown[]): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as T;
  } finally {
    await client.end();
  }
}
const listing = () =>
  one<{ id: string; hidden_by: string | null }>("SELECT id, hidden_by FROM pets.listings WHERE title = $1", [TITLE]);

test("an admin hides a listing through pets and shows it again; the public page follows", async ({ page, browser }) => {
  const { id } = await listing();
  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(200);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@burrow.test", "/admin?q=sitter1%40burrow.test");
  await admin.getByRole("link", { name: "sitter1@burrow.test", exact: true }).click();
  const row = admin.getByRole("row").filter({ hasText: TITLE });
  await row.getByRole("button", { name: "Hide" }).click();
  await expect(row).toContainText("Hidden by an admin");
  // Pets recorded the acting admin.
  const { id: adminId } = await one<{ id: string }>("SELECT id FROM identity.users WHERE email = $1", [
    "admin@burrow.test",
  ]);
  expect((await listing()).hidden_by).toBe(adminId);

  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(404);
  await page.goto(`${web.url}/listings?city=Berlin`);
  await expect(page.getByRole("heading", { name: TITLE })).toHaveCount(0);

  await row.getByRole("button", { name: "Show" }).click();
  await expect(row).toContainText("Public");
  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(200);
  await admin.context().close();
});
