// An admin hides a listing on web: web calls pets' internal API with a service token, pets writes
// and records who did it, and the listing leaves the public pages until it is shown again.
import { expect, signedIn, test } from "./fixtures";
import { web } from "./urls";

test("an admin hides a listing through pets and shows it again; the public page follows", async ({
  page,
  browser,
  pool,
  sitter,
  admin,
}) => {
  const { id, title, city } = sitter.listing;
  const hiddenBy = async () =>
    (await pool.query<{ hidden_by: string | null }>("SELECT hidden_by FROM pets.listings WHERE id = $1", [id])).rows[0]
      ?.hidden_by;
  const search = `${web.url}/listings?${new URLSearchParams({ city })}`;
  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(200);
  await page.goto(search);
  await expect(page.getByRole("heading", { name: title })).toHaveCount(1);

  const adminPage = await signedIn(browser, admin, `/admin?${new URLSearchParams({ q: sitter.email })}`);
  await adminPage.getByRole("link", { name: sitter.email, exact: true }).click();
  const row = adminPage.getByRole("row").filter({ hasText: title });
  await row.getByRole("button", { name: "Hide" }).click();
  await expect(row).toContainText("Hidden by an admin");
  // Pets recorded the acting admin.
  expect(await hiddenBy()).toBe(admin.id);

  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(404);
  await page.goto(search);
  await expect(page.getByRole("heading", { name: title })).toHaveCount(0);

  await row.getByRole("button", { name: "Show" }).click();
  await expect(row).toContainText("Public");
  expect((await page.goto(`${web.url}/listings/${id}`))?.status()).toBe(200);
  await adminPage.context().close();
});
