// Every page that matters, in both apps, at 360 px: nothing may scroll sideways. Seeded users and
// records (packages/db/src/seed.ts, web's Mongo seed), so each page shows content, not its empty state.
import { type Browser, expect, test } from "@playwright/test";
import { signIn } from "./auth";
import { pets, web } from "./urls";

const WIDTH = 360;
const LISTING = "cseedlisting0000000000001"; // sitter1's, with an accepted stay and a request
const REQUEST = "cseedbooking0000000000002"; // REQUESTED, on LISTING
const STAY = "cseedbooking0000000000001"; // tenant1's ACCEPTED stay, on LISTING

/** Signs `email` in at 360 px wide, opens each URL and checks it fits (a screenshot of each lands in test-results). */
async function expectNarrowPagesFit(browser: Browser, email: string, urls: string[]) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await signIn(page, email);
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

test("a pet owner's pages fit a 360 px wide screen", async ({ browser }) => {
  await expectNarrowPagesFit(browser, "tenant1@burrow.test", [
    `${web.url}/`,
    `${web.url}/listings?city=Berlin`,
    `${web.url}/listings/${LISTING}`,
    `${web.url}/articles`,
    `${web.url}/articles/what-to-tell-your-sitter`,
    `${web.url}/articles/new`,
    `${web.url}/u/ada`,
    `${web.url}/notifications`,
    `${web.url}/account`,
    `${web.url}/account/profile`,
    `${pets.url}/book/${LISTING}`,
    `${pets.url}/stays`,
    `${pets.url}/stays/${STAY}`,
  ]);
});

test("a sitter's pages fit a 360 px wide screen", async ({ browser }) => {
  await expectNarrowPagesFit(browser, "sitter1@burrow.test", [
    `${pets.url}/`,
    `${pets.url}/listings`,
    `${pets.url}/listings/new`,
    `${pets.url}/listings/${LISTING}/edit`,
    `${pets.url}/listings/${LISTING}/availability`,
    `${pets.url}/requests`,
    `${pets.url}/requests/${REQUEST}`,
  ]);
});

test("the admin pages fit a 360 px wide screen", async ({ browser }) => {
  await expectNarrowPagesFit(browser, "admin@burrow.test", [
    `${web.url}/admin`,
    `${web.url}/admin/users/cseedsitter00000000000001`,
  ]);
});
