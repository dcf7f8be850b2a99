import type { Page } from "@playwright/test";
import {
  ADMIN_BY_EMAIL,
  requestSignInLink,
  sessionCount,
  signIn,
  signInEmailCount,
  submitSignInForm,
  uniqueEmail,
  waitForSignInLink,
} from "./auth";
import { expect, test } from "./fixtures";
import { pets, web } from "./urls";

const header = (page: Page) => page.getByRole("banner");

test("a magic link signs in on web, pets sees the same user, and signing out on pets signs out web", async ({
  page,
  tenant,
}) => {
  const { email, screenname } = tenant;
  expect(await sessionCount(email)).toBe(0);
  await signIn(page, email);

  await expect(page).toHaveURL(`${web.url}/`);
  await expect(header(page).getByTestId("signed-in-user")).toHaveText(screenname);
  expect(await sessionCount(email)).toBe(1);

  // Pets reads the same cookie and the same database session: no second sign-in.
  await page.goto(`${pets.url}/me`);
  await expect(page).toHaveURL(`${pets.url}/me`);
  await expect(page.getByTestId("me-email")).toHaveText(email);
  await expect(header(page).getByTestId("signed-in-user")).toHaveText(screenname);
  const me = await page.request.get(`${pets.url}/api/me`);
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email, screenname, role: "TENANT", isAdmin: false });

  await header(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${pets.url}/`);
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionCount(email)).toBe(0);

  await page.goto(web.url);
  await page.reload();
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header(page).getByTestId("signed-in-user")).toHaveCount(0);
});

test("pets sends an anonymous visitor to web's sign-in page and back", async ({ page, tenant }) => {
  const { email } = tenant;
  await page.goto(`${pets.url}/me`);

  await expect(page).toHaveURL(new RegExp(`^${web.url}/auth/signin\\?`));
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(`${pets.url}/me`);
  const before = await signInEmailCount(email);
  await submitSignInForm(page, email);
  await page.goto(await waitForSignInLink(email, before));

  await expect(page).toHaveURL(`${pets.url}/me`);
  await expect(page.getByTestId("me-email")).toHaveText(email);

  // Pets never signs anyone in itself: its Auth.js sign-in endpoints answer with web's page.
  const direct = await page.request.post(`${pets.url}/api/auth/signin/nodemailer?callbackUrl=%2Fme`, {
    maxRedirects: 0,
  });
  expect(direct.status()).toBe(303);
  const location = new URL(direct.headers().location ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(`${web.url}/auth/signin`);
  expect(location.searchParams.get("callbackUrl")).toBe(`${pets.url}/me`);
});

test("the admin route: 401 signed out, 403 for a non-admin, open to ADMIN_EMAILS and role ADMIN", async ({
  page,
  browser,
  tenant,
  admin,
}) => {
  const anonymous = await page.request.get(`${web.url}/api/admin/ping`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringContaining("Sign in") });
  await page.goto(`${web.url}/admin`);
  await expect(page).toHaveURL(new RegExp(`^${web.url}/auth/signin\\?`));

  await signIn(page, tenant.email);
  const denied = await page.request.get(`${web.url}/api/admin/ping`);
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toEqual({ error: expect.stringContaining("do not have access") });
  const adminPage = await page.goto(`${web.url}/admin`);
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  for (const email of [ADMIN_BY_EMAIL, admin.email]) {
    const context = await browser.newContext();
    const adminTab = await context.newPage();
    await signIn(adminTab, email);
    const ping = await adminTab.request.get(`${web.url}/api/admin/ping`);
    expect(ping.status(), email).toBe(200);
    expect(await ping.json()).toEqual({ ok: true, admin: email });
    const res = await adminTab.goto(`${web.url}/admin`);
    expect(res?.status()).toBe(200);
    await expect(adminTab.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
    await context.close();
  }
});

test("an open-redirect callbackUrl is refused", async ({ browser, tenant }) => {
  const { email } = tenant;
  for (const callbackUrl of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = await requestSignInLink(page, email, callbackUrl);
    expect(new URL(link).origin).toBe(web.url);
    await page.goto(link);
    await expect(page).toHaveURL(`${web.url}/`);
    // Signed in, the sign-in page forwards only to the apps as well.
    await page.goto(`${web.url}/auth/signin?${new URLSearchParams({ callbackUrl })}`);
    await expect(page).toHaveURL(`${web.url}/`);
    await context.close();
  }
});

test("a malformed e-mail address gets a field error", async ({ page }) => {
  await page.goto(`${web.url}/auth/signin`);
  await page.getByLabel("E-mail address").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
  await expect(page).toHaveURL(`${web.url}/auth/signin`);
  await expect(page.getByLabel("E-mail address")).toHaveValue("not-an-email");
});

test("a used, tampered or unknown link shows the error page", async ({ page, browser }) => {
  const email = uniqueEmail("reuse");
  const link = await requestSignInLink(page, email);
  await page.goto(link);
  await expect(header(page).getByTestId("signed-in-user")).toHaveText(email);

  const other = await browser.newContext();
  const second = await other.newPage();
  const tampered = new URL(link);
  tampered.searchParams.set("token", "0".repeat(64));
  for (const url of [link, tampered.href, `${web.url}/api/auth/callback/nodemailer?token=nope&email=x%40y.test`]) {
    await second.goto(url);
    await expect(second).toHaveURL(`${web.url}/auth/error?error=Verification`);
    await expect(second.getByRole("heading", { name: "This sign-in link no longer works" })).toBeVisible();
    await expect(second.getByText("Sign-in links work once and expire after 15 minutes")).toBeVisible();
  }
  // Auth.js errors raised in pets land on pets' /auth/error, which forwards to web's page.
  await second.goto(`${pets.url}/auth/error?error=Verification`);
  await expect(second).toHaveURL(`${web.url}/auth/error?error=Verification`);
  expect((await second.request.get(`${pets.url}/auth/anything-else`)).status()).toBe(404);
  await other.close();
});

test("a forged session cookie is anonymous on every page and route, never a 500", async ({ browser }) => {
  for (const value of ["0b5e7f4e-0000-4000-8000-000000000000", "%00%27%3B%20DROP%20TABLE%20x"]) {
    const forged = await browser.newContext();
    await forged.addCookies([{ name: "authjs.session-token", value, url: web.url }]);
    const visitor = await forged.newPage();
    for (const url of [`${web.url}/`, `${pets.url}/`, `${web.url}/auth/signin`]) {
      const res = await visitor.goto(url);
      expect(res?.status(), url).toBe(200);
      await expect(header(visitor).getByRole("link", { name: "Sign in" })).toBeVisible();
    }
    expect((await visitor.request.get(`${pets.url}/api/me`)).status()).toBe(401);
    expect((await visitor.request.get(`${web.url}/api/admin/ping`)).status()).toBe(401);
    await forged.close();
  }
});

test("a fourth link request within 15 minutes is refused with a clear message", async ({ page }) => {
  const email = uniqueEmail("busy");
  for (let i = 0; i < 3; i++) await requestSignInLink(page, email);
  await page.goto(`${web.url}/auth/signin`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Too many sign-in links were requested for this address")).toBeVisible();
  expect(await signInEmailCount(email)).toBe(3);
});

test("account: screenname validation and uniqueness, and becoming a sitter", async ({ page, tenant }) => {
  const email = uniqueEmail("newbie");
  await signIn(page, email, "/account");
  await expect(page).toHaveURL(`${web.url}/account`);
  await expect(page.getByTestId("account-role")).toHaveText("Pet owner");

  const save = async (name: string) => {
    await page.getByLabel("Screenname").fill(name);
    await page.getByRole("button", { name: "Save screenname" }).click();
  };
  await save("ab");
  await expect(page.getByText("Use at least 3 characters")).toBeVisible();
  // The field is marked invalid and its error is read out with it, before the hint.
  await expect(page.getByLabel("Screenname")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Screenname")).toHaveAccessibleDescription(/^Use at least 3 characters 3–30 characters/);
  await save("Not_Lower");
  await expect(page.getByText("Use only lowercase letters, digits and underscores")).toBeVisible();
  await save(tenant.screenname); // another user's
  await expect(page.getByText("That screenname is taken")).toBeVisible();
  const name = `n_${Date.now().toString(36)}`;
  await save(name);
  await expect(page.getByText("Screenname saved.")).toBeVisible();
  await expect(header(page).getByTestId("signed-in-user")).toHaveText(name);

  const before = await page.goto(`${pets.url}/listings`);
  expect(before?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Only sitters can open this page" })).toBeVisible();

  await page.goto(`${web.url}/account`);
  await page.getByRole("button", { name: "Become a sitter" }).click();
  await expect(page.getByTestId("account-role")).toHaveText("Sitter");

  const after = await page.goto(`${pets.url}/listings`);
  expect(after?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Your listings" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveText(name);
});
