// An automated WCAG 2.1 A/AA scan (axe-core) of the main pages of both apps, each as the user who
// uses it, on data of the test's own (e2e/fixtures.ts' `activity`) so pages show content, not
// their empty states. axe finds a subset of the problems; the rest is in the other specs' assertions.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signedIn, test } from "./fixtures";
import { mainPages } from "./main-pages";
import { pets, web } from "./urls";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Each test scans seven or eight pages and axe takes seconds a page on a busy 2-core machine: 30 s is
// the default for one user action's worth of test, not for a tour.
test.describe.configure({ timeout: 90_000 });

/** Scans the page as it is now (after its streamed parts arrived); the message lists each violation's elements. */
async function expectNoViolations(page: Page, what = page.url()) {
  await expect(page.getByTestId("loading"), `${what} finishes loading`).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(found, `${what}\n  ${found.join("\n  ")}`).toEqual([]);
}

async function expectAccessible(page: Page, urls: string[]) {
  for (const url of urls) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expectNoViolations(page);
  }
}

test("public pages of both apps have no WCAG A/AA violations", async ({ page, sitter, activity }) => {
  await expectAccessible(page, [...mainPages(sitter, activity).public, `${web.url}/auth/signin`]);
});

test("a pet owner's pages have no WCAG A/AA violations", async ({ browser, tenant, sitter, activity }) => {
  const page = await signedIn(browser, tenant);
  await expectAccessible(page, mainPages(sitter, activity).tenant);
  // The message form showing its error (nothing is sent).
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Your message")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "/messages/booking with errors");
  // A form showing its errors, a row's included.
  await page.goto(`${web.url}/account/profile`);
  await page.getByLabel("Avatar URL").fill("ftp://wrong.example/a.png");
  await page.getByLabel("Pet 1 name").fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Pet 1 name")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "/account/profile with errors");
  await page.context().close();
});

test("a sitter's pages have no WCAG A/AA violations", async ({ browser, sitter, activity }) => {
  const page = await signedIn(browser, sitter);
  await expectAccessible(page, mainPages(sitter, activity).sitter);
  // A form showing its errors: a field's and a checkbox group's.
  await page.goto(`${pets.url}/listings/new`);
  await page.getByLabel("Title", { exact: true }).fill("Negative flat");
  await page.getByLabel("Description").fill("Too cheap.");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Nightly price").fill("-5");
  await page.getByRole("checkbox", { name: "Dog" }).uncheck();
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page.getByLabel("Nightly price")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "/listings/new with errors");
  await page.context().close();
});

test("the admin pages have no WCAG A/AA violations", async ({ browser, admin, sitter, activity }) => {
  const page = await signedIn(browser, admin);
  await expectAccessible(page, mainPages(sitter, activity).admin);
  await page.context().close();
});
