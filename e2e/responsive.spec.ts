// Every page that matters, in both apps, at 360 px: nothing may scroll sideways. Users and records
// of the test's own (e2e/fixtures.ts' `activity`), so each page shows content, not its empty state.
import type { Browser } from "@playwright/test";
import { signIn } from "./auth";
import { type E2eUser, expect, test } from "./fixtures";
import { mainPages } from "./main-pages";

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
  const pages = mainPages(sitter, activity);
  await expectNarrowPagesFit(browser, tenant, [...pages.public, ...pages.tenant]);
});

test("a sitter's pages fit a 360 px wide screen", async ({ browser, sitter, activity }) => {
  await expectNarrowPagesFit(browser, sitter, mainPages(sitter, activity).sitter);
});

test("the admin pages fit a 360 px wide screen", async ({ browser, admin, sitter, activity }) => {
  await expectNarrowPagesFit(browser, admin, mainPages(sitter, activity).admin);
});
