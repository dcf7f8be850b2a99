import { expect, test } from "./fixtures";
import { pets, web } from "./urls";

let titles: string[];

// A listing of the spec's own, then the newest active listings read straight from PostgreSQL: the
// pages must show what the database holds, so this fails if a page stops reading it.
test.beforeAll(async ({ data, pool }) => {
  const { title } = await data.listing((await data.user("SITTER")).id);
  const { rows } = await pool.query<{ title: string }>(
    `SELECT title FROM pets.listings WHERE status = 'ACTIVE' ORDER BY created_at DESC, id DESC LIMIT 10`,
  );
  titles = rows.map((row) => row.title);
  expect(titles).toContain(title);
});

test("web home lists the active listings", async ({ page }) => {
  await page.goto(web.url);

  await expect(page.getByRole("heading", { level: 1, name: "Stays near you" })).toBeVisible();
  for (const title of titles) {
    await expect(page.getByRole("heading", { name: title, exact: true }).first()).toBeVisible();
  }
});

test("a card on web home opens its listing page", async ({ page }) => {
  await page.goto(web.url);
  const title = titles[0] ?? "";

  await page.getByRole("heading", { name: title, exact: true }).first().getByRole("link").click();

  await expect(page).toHaveURL(/\/listings\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Availability" })).toBeVisible();
});

test("pets home lists the active listings", async ({ page }) => {
  await page.goto(pets.url);

  await expect(page.getByRole("heading", { level: 1, name: "Sitter dashboard" })).toBeVisible();
  for (const title of titles) {
    await expect(page.getByRole("heading", { name: title, exact: true }).first()).toBeVisible();
  }
});

test("web header links to the pets app", async ({ page }) => {
  await page.goto(web.url);

  await page.getByRole("banner").getByRole("link", { name: "Burrow for sitters" }).click();

  await expect(page).toHaveURL(new URL(pets.url).href);
  await expect(page.getByRole("heading", { level: 1, name: "Sitter dashboard" })).toBeVisible();
});
