// Every page that matters, in both apps, at 360 px: nothing may scroll sideways. Users and records
// of the test's own (e2e/fixtures.ts' `activity`), so each page shows content, not its empty state.
import type { Browser } from "@playwright/test";
import { signIn } from "./auth";
import { type E2eUser, expect, test } from "./fixtures";
import { pets, web } from "./urls";

const WIDTH = 360;

/** Signs `user` in at 360 px wide, opens each URL and checks it fits (a screenshot of each lands in test-results). */
async function expectNarrowPagesFit(browser: Browser, user: E2eUser, urls: string[]) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await signIn(page, user.email);
  for (const url of urls) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    const name = new URL(url).pathname.replaceAll("/", "_");
    await page.screenshot({ path: `test-results/narrow-${new URL(url).port}${name}.png`, fullPage: true });
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(width, `${url} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  }
  await context.close();
}

test("a pet owner's pages fit a 360 px wide screen", async ({ browser, tenant, sitter, activity }) => {
  const listing = sitter.listing.id;
  await expectNarrowPagesFit(browser, tenant, [
    `${web.url}/`,
    `${web.url}/listings?${new URLSearchParams({ city: sitter.listing.city })}`,
    `${web.url}/listings/${listing}`,
    `${web.url}/articles`,
    `${web.url}/articles/${activity.article.slug}`,
    `${web.url}/articles/new`,
    `${web.url}/u/${sitter.screenname}`,
    `${web.url}/notifications`,
    `${web.url}/account`,
    `${web.url}/account/profile`,
    `${pets.url}/book/${listing}`,
    `${pets.url}/stays`,
    `${pets.url}/stays/${activity.stay.id}`,
  ]);
});

test("a sitter's pages fit a 360 px wide screen", async ({ browser, sitter, activity }) => {
  await expectNarrowPagesFit(browser, sitter, [
    `${pets.url}/`,
    `${pets.url}/listings`,
    `${pets.url}/listings/new`,
    `${pets.url}/listings/${sitter.listing.id}/edit`,
    `${pets.url}/listings/${sitter.listing.id}/availability`,
    `${pets.url}/requests`,
    `${pets.url}/requests/${activity.request.id}`,
  ]);
});

test("the admin pages fit a 360 px wide screen", async ({ browser, admin, sitter }) => {
  await expectNarrowPagesFit(browser, admin, [`${web.url}/admin`, `${web.url}/admin/users/${sitter.id}`]);
});
