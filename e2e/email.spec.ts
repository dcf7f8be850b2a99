// Issue 17's e-mail end to end: a tenant requests a stay, the sitter accepts it in pets, pets' outbox
// reaches web, and the tenant's inbox in the mail catcher holds the acceptance with a working link;
// the e-mail's unsubscribe link switches that kind off without signing in, and the account page
// shows it off. A changed link is refused with a clear 403 page.
import { type CaughtMessage, inbox } from "./auth";
import { expect, signedIn, test } from "./fixtures";
import { pets, web } from "./urls";

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const stay = { start: inDays(10), end: inDays(12) };

test("the tenant is e-mailed the acceptance with a working link, and its unsubscribe link switches that e-mail off", async ({
  browser,
  sitter: sitterUser,
  tenant: tenantUser,
}) => {
  const { id: listingId, title } = sitterUser.listing;

  const tenant = await signedIn(browser, tenantUser);
  await tenant.goto(`${pets.url}/book/${listingId}?start=${stay.start}&end=${stay.end}&pets=1`);
  await tenant.getByRole("button", { name: "Request this stay" }).click();
  await expect(tenant).toHaveURL(/\/stays\/[a-z0-9]+$/);
  const stayUrl = tenant.url();

  const sitter = await signedIn(browser, sitterUser, `${pets.url}/requests`);
  await sitter.getByRole("link", { name: `${title}: ${stay.start} to ${stay.end}` }).click();
  await sitter.getByRole("button", { name: "Accept" }).click();
  await expect(sitter.getByTestId("booking-status")).toHaveText("Accepted");

  // The sitter was e-mailed the request; the tenant gets the acceptance once the outbox delivers it.
  expect((await inbox(sitterUser.email)).map((m) => m.subject)).toContain("New stay request");
  let acceptance: CaughtMessage | undefined;
  await expect
    .poll(
      async () => {
        acceptance = (await inbox(tenantUser.email)).find((m) => m.subject === "Your stay is confirmed");
        return Boolean(acceptance);
      },
      { message: "the acceptance e-mail in the tenant's inbox", timeout: 30_000 },
    )
    .toBe(true);
  if (!acceptance) throw new Error("unreachable");
  expect(acceptance.text).toContain(title);
  expect(acceptance.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // The e-mail's button leads to the stay, which shows it accepted.
  const link = acceptance.text.match(new RegExp(`${pets.url}/stays/[a-z0-9]+`))?.[0] ?? "";
  expect(link).toBe(stayUrl);
  await tenant.goto(link);
  await expect(tenant.getByTestId("booking-status")).toHaveText("Accepted");

  // The unsubscribe link works without a session; changed, it is refused and changes nothing.
  const unsubscribeUrl = acceptance.text.match(new RegExp(`${web.url}/email/unsubscribe\\?\\S+`))?.[0] ?? "";
  expect(unsubscribeUrl).not.toBe("");
  const anonymous = await (await browser.newContext()).newPage();
  const forged = new URL(unsubscribeUrl);
  forged.searchParams.set("k", "booking.declined");
  expect((await anonymous.goto(forged.toString()))?.status()).toBe(403);
  await expect(anonymous.getByRole("heading", { name: "This unsubscribe link does not work" })).toBeVisible();

  await anonymous.goto(unsubscribeUrl);
  await expect(anonymous.getByRole("heading", { name: "Stop e-mails" })).toBeVisible();
  await anonymous.getByRole("button", { name: "Stop these e-mails" }).click();
  await expect(anonymous.getByTestId("unsubscribed")).toHaveText(
    "You no longer get e-mails when: A sitter accepts your request.",
  );

  // The tenant's account page shows that kind off, the others on; switching it back on saves.
  await tenant.goto(`${web.url}/account`);
  const settings = tenant.getByRole("form", { name: "E-mail" });
  await expect(settings.getByRole("checkbox", { name: "A sitter accepts your request" })).not.toBeChecked();
  await expect(settings.getByRole("checkbox", { name: "Your request is declined" })).toBeChecked();
  await settings.getByRole("checkbox", { name: "A sitter accepts your request" }).check();
  await settings.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(settings.getByText("E-mail settings saved.")).toBeVisible();
  await tenant.reload();
  await expect(
    tenant.getByRole("form", { name: "E-mail" }).getByRole("checkbox", { name: "A sitter accepts your request" }),
  ).toBeChecked();

  for (const page of [tenant, sitter, anonymous]) await page.context().close();
});
