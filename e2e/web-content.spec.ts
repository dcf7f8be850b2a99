// Profiles, articles and admin on web, signed in through the real magic-link flow. Fresh addresses
// per run, so reruns against the same database start clean and no other spec's users are touched.
import type { Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./auth";
import { expect, signedIn, test } from "./fixtures";
import { web } from "./urls";

const header = (page: Page) => page.getByRole("banner");

/** Signs a new user in and gives them a screenname (the public profile's address). */
async function newMember(page: Page, prefix: string): Promise<{ email: string; screenname: string }> {
  const email = uniqueEmail(prefix);
  const screenname = `${prefix}_${Date.now().toString(36)}`;
  await signIn(page, email, "/account");
  await page.getByLabel("Screenname").fill(screenname);
  await page.getByRole("button", { name: "Save screenname" }).click();
  await expect(header(page).getByTestId("signed-in-user")).toHaveText(screenname);
  return { email, screenname };
}

test("a profile edit round-trip: API, edit page, reload, public page", async ({ page, browser }) => {
  const anonymous = await page.request.get(`${web.url}/api/profile`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringContaining("Sign in") });

  const { email, screenname } = await newMember(page, "prof");

  // First access creates the (empty) profile; the user half comes from PostgreSQL.
  const first = await page.request.get(`${web.url}/api/profile`);
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({
    user: { email, screenname, role: "TENANT" },
    profile: { bio: "", pets: [], socialLinks: [], categories: [], avatarUrl: null },
  });
  // From the page, as web's own scripts would send it: the browser adds the Origin the route requires.
  const bad = await page.evaluate(async () => {
    const response = await fetch("/api/profile", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ bio: "x".repeat(2001), avatarUrl: "http://not-https.example/a.png" }),
    });
    return { status: response.status, body: await response.json() };
  });
  expect(bad.status).toBe(400);
  expect(bad.body.fieldErrors).toEqual({ bio: expect.any(Array), avatarUrl: expect.any(Array) });
  // The same request from outside the browser, without an Origin, is refused before it is read.
  const originless = await page.request.patch(`${web.url}/api/profile`, { data: { bio: "Planted" } });
  expect(originless.status()).toBe(403);

  await page.goto(`${web.url}/account`);
  await page.getByRole("link", { name: "edit your profile" }).click();
  await expect(page.getByRole("heading", { name: "Your public profile" })).toBeVisible();

  await page.getByLabel("About you").fill("I walk dogs at dawn.\nCats welcome too.");
  await page.getByLabel("Avatar URL").fill("ftp://wrong.example/a.png");
  await page.getByRole("checkbox", { name: "walking" }).check();
  await page.getByRole("button", { name: "Add a pet" }).click();
  await page.getByLabel("Pet 1 name").fill("Biscuit");
  await page.getByLabel("Pet 1 species").selectOption("DOG");
  await page.getByLabel("Pet 1 age (years)").fill("3");
  await page.getByLabel("Pet 1 notes").fill("Afraid of bicycles");
  await page.getByRole("button", { name: "Add a pet" }).click();
  await page.getByLabel("Pet 2 name").fill("Rex");
  await page.getByLabel("Pet 2 age (years)").fill("-2");
  await page.getByRole("button", { name: "Add a link" }).click();
  await page.getByLabel("Link 1 label").fill("My blog");
  await page.getByLabel("Link 1 URL").fill("https://blog.example.com");
  // Link 2 stays blank (dropped), so link 3 is the second link the server sees.
  await page.getByRole("button", { name: "Add a link" }).click();
  await page.getByRole("button", { name: "Add a link" }).click();
  await page.getByLabel("Link 3 label").fill("Old site");
  await page.getByLabel("Link 3 URL").fill("http://old.example.com");
  await page.getByRole("button", { name: "Save profile" }).click();
  // Nothing saved while a field is wrong; each error describes its own input, and only that one.
  await expect(page.getByLabel("Avatar URL")).toHaveAccessibleDescription("Use an https:// address");
  await expect(page.getByLabel("Avatar URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Pet 2 age (years)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Pet 2 age (years)")).toHaveAccessibleDescription("Age cannot be negative");
  await expect(page.getByLabel("Link 3 URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Link 3 URL")).toHaveAccessibleDescription("Use an https:// address");
  for (const label of ["Pet 1 name", "Pet 1 age (years)", "Pet 2 name", "Link 1 URL", "Link 2 URL", "Link 3 label"]) {
    await expect(page.getByLabel(label), label).not.toHaveAttribute("aria-invalid");
    await expect(page.getByLabel(label), label).toHaveAccessibleDescription("");
  }
  // What was typed stays in the form.
  await expect(page.getByLabel("Pet 1 name")).toHaveValue("Biscuit");

  await page.getByLabel("Avatar URL").fill("");
  await page.getByRole("button", { name: "Remove pet 2" }).click();
  await page.getByRole("button", { name: "Remove link 3" }).click();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("About you")).toHaveValue("I walk dogs at dawn.\nCats welcome too.");
  await expect(page.getByRole("checkbox", { name: "walking" })).toBeChecked();
  await expect(page.getByLabel("Pet 1 name")).toHaveValue("Biscuit");
  await expect(page.getByLabel("Pet 1 age (years)")).toHaveValue("3");
  await expect(page.getByLabel("Link 1 URL")).toHaveValue("https://blog.example.com");
  await expect(page.getByLabel("Link 2 URL")).toHaveCount(0); // the blank row was dropped

  // A new member's notifications page is an empty state, and the header shows no unread count.
  await header(page).getByTestId("notifications-link").click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByText("Nothing yet.")).toBeVisible();
  await expect(header(page).getByTestId("unread-count")).toHaveCount(0);

  // Anyone, signed in or not, sees it on the public page; never the e-mail address.
  const visitor = await (await browser.newContext()).newPage();
  const res = await visitor.goto(`${web.url}/u/${screenname}`);
  expect(res?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { name: screenname, level: 1 })).toBeVisible();
  await expect(visitor.getByTestId("profile-bio")).toContainText("I walk dogs at dawn.");
  await expect(visitor.getByText("Biscuit")).toBeVisible();
  await expect(visitor.getByText("Afraid of bicycles")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "My blog" })).toHaveAttribute("href", "https://blog.example.com");
  await expect(visitor.getByText(email)).toHaveCount(0);
  expect((await visitor.goto(`${web.url}/u/no_such_user_here`))?.status()).toBe(404);
  await visitor.context().close();
});

test("an article is written as a draft, published, listed on /articles, and unpublished by an admin", async ({
  page,
  browser,
}) => {
  await newMember(page, "writer");
  const title = `Night walks ${Date.now().toString(36)}`;
  await page.goto(`${web.url}/articles/new`);
  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel("Article (Markdown)")
    .fill(
      'Keep it **short**.\n\n<script>window.pwned = true</script>\n\n[bad](javascript:alert(1)) <img src="https://example.com/x.png" onerror="window.pwned = true">',
    );
  await page.getByLabel("Tags").fill("E2E, night-walks");
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByTestId("article-status")).toContainText("Draft");
  const articleUrl = page.url();
  const body = page.locator("article");
  await expect(body.locator("strong")).toHaveText("short");
  await expect(body.locator("script")).toHaveCount(0);
  await expect(body.locator("[onerror]")).toHaveCount(0);
  // The javascript: link keeps its text and loses its target.
  await expect(body.getByText("bad")).toBeVisible();
  await expect(body.locator("[href*='javascript' i]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();

  // A draft is invisible to others.
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(articleUrl))?.status()).toBe(404);

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("article-status")).toHaveCount(0);

  await visitor.goto(`${web.url}/articles?tag=e2e`);
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor).toHaveURL(articleUrl);
  await expect(visitor.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Unpublish" })).toHaveCount(0);
  // Garbage in the query string is a message, not a 500.
  const garbage = await visitor.goto(`${web.url}/articles?tag=%3Cscript%3E&page=-4`);
  expect(garbage?.status()).toBe(200);
  await expect(visitor.getByText("That filter is not valid")).toBeVisible();
  await visitor.context().close();

  // Only the author edits: another member is refused.
  const other = await (await browser.newContext()).newPage();
  await newMember(other, "reader");
  expect((await other.goto(`${articleUrl}/edit`))?.status()).toBe(403);
  await other.context().close();

  // An admin by ADMIN_EMAILS (the e2e config's address, not a seeded user) can unpublish anyone's article.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "second-admin@burrow.test", articleUrl);
  await admin.getByRole("button", { name: "Unpublish" }).click();
  await expect(admin.getByTestId("article-status")).toContainText("Draft");
  await admin.goto(`${web.url}/articles?tag=e2e`);
  await expect(admin.getByRole("link", { name: title })).toHaveCount(0);
  await admin.context().close();
});

test("admin: a non-admin gets 403; an admin searches users, changes a role, but not their own", async ({
  page,
  browser,
  admin: adminUser,
  sitter,
}) => {
  const member = await newMember(page, "plain");
  const denied = await page.goto(`${web.url}/admin`);
  expect(denied?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  expect((await page.goto(`${web.url}/admin/users/anything`))?.status()).toBe(403);

  const admin = await signedIn(browser, adminUser, "/admin");
  await expect(admin.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  await admin.getByLabel("Search by e-mail, screenname or name").fill(member.screenname.toUpperCase());
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/\/admin\?q=/);
  await expect(admin.getByText("1 user matching")).toBeVisible();
  await admin.getByRole("link", { name: member.email, exact: true }).click();

  await admin.getByLabel("Role").selectOption("SITTER");
  await admin.getByRole("button", { name: "Change role" }).click();
  await expect(admin.getByText("Role saved.")).toBeVisible();
  await page.goto(`${web.url}/account`);
  await expect(page.getByTestId("account-role")).toHaveText("Sitter");

  // A sitter's listings show read-only.
  await admin.goto(`${web.url}/admin?${new URLSearchParams({ q: sitter.email })}`);
  await admin.getByRole("link", { name: sitter.email, exact: true }).click();
  await expect(admin.getByRole("table", { name: "Listings" })).toContainText(sitter.listing.title);

  // Their own role is not theirs to change.
  await admin.goto(`${web.url}/admin?${new URLSearchParams({ q: adminUser.email })}`);
  await admin.getByRole("link", { name: adminUser.email, exact: true }).click();
  await expect(admin.getByLabel("Role")).toBeDisabled();
  await expect(admin.getByText("You cannot change your own role")).toBeVisible();
  await admin.context().close();
});
