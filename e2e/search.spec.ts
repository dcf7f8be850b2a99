import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./auth";
import { pets, web } from "./urls";

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A Monday about five weeks ahead and the Wednesday after: two weekday nights, inside every seeded plan. */
function stayDates(): { start: string; end: string } {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 35);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  const start = day.toISOString().slice(0, 10);
  day.setUTCDate(day.getUTCDate() + 2);
  return { start, end: day.toISOString().slice(0, 10) };
}

test("search by city and dates, open a stay, and request it on pets with the dates carried over", async ({ page }) => {
  // Pets asks anonymous visitors to sign in first; a signed-in tenant lands on the booking page itself.
  await signIn(page, "tenant1@burrow.test");
  const { start, end } = stayDates();

  await page.goto(`${web.url}/listings`);
  const search = page.getByRole("search", { name: "Search stays" });
  await search.getByLabel("City").fill("berlin");
  await search.getByLabel("Check-in").fill(start);
  await search.getByLabel("Check-out").fill(end);
  await search.getByLabel("Pets", { exact: true }).fill("1");
  await search.getByRole("button", { name: "Search" }).click();

  // The filters are the URL: shareable, and the form shows them back.
  await expect(page).toHaveURL(/\/listings\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(["city", "start", "end", "pets"].map((k) => [k, url.searchParams.get(k)]))).toEqual({
    city: "berlin",
    start,
    end,
    pets: "1",
  });
  await expect(search.getByLabel("Check-in")).toHaveValue(start);

  const results = page.getByRole("list", { name: "Stays" }).getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText("Berlin");

  const first = results.first().getByRole("heading").getByRole("link");
  const title = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Availability" })).toBeVisible();
  const listingId = new URL(page.url()).pathname.split("/").at(-1);

  const request = page.getByRole("form", { name: "Request a stay" });
  await expect(request.getByLabel("Check-in")).toHaveValue(start);
  await expect(request.getByLabel("Check-out")).toHaveValue(end);
  await request.getByRole("button", { name: "Request a stay" }).click();

  // Lands on the pets app's booking page with the chosen stay in its query string and its form.
  await expect(page).toHaveURL(`${new URL(pets.url).origin}/book/${listingId}?start=${start}&end=${end}&pets=1`);
  await expect(page.getByLabel("Arrival")).toHaveValue(start);
  await expect(page.getByLabel("Departure")).toHaveValue(end);
  await expect(page.getByLabel("Number of pets")).toHaveValue("1");

  // Back returns to the listing page, and again to the same search.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(url.href);
  await expect(page.getByRole("search", { name: "Search stays" }).getByLabel("City")).toHaveValue("berlin");
});

test("an invalid query string shows what is wrong, not an error page", async ({ page }) => {
  const response = await page.goto(
    `${web.url}/listings?pets=lots&start=2027-02-30&end=2027-03-02&maxPrice=99999999999999999999&sort=%27;DROP`,
  );
  expect(response?.status()).toBe(200);
  const alert = page.getByRole("alert").filter({ hasText: "Some search terms could not be used" });
  await expect(alert).toContainText("Pets: Must be a number");
  await expect(alert).toContainText("Check-in: No such calendar date");
  await expect(alert).toContainText("Max price: Must be at most 10,000,000");
  await expect(alert).toContainText("Sort by: Choose price, rating or newest");
  // The wrong fields are marked for assistive technology and described by the list; the others are not.
  const form = page.getByRole("search", { name: "Search stays" });
  for (const label of ["Pets", "Check-in", "Max price / night", "Sort by"]) {
    // A select's name also holds its chosen option ("Sort by Newest").
    const field = form.getByLabel(label, { exact: label !== "Sort by" });
    await expect(field, label).toHaveAttribute("aria-invalid", "true");
    await expect(field, label).toHaveAccessibleDescription(/Pets: Must be a number/);
  }
  for (const label of ["City", "Check-out", "Min price / night"]) {
    await expect(form.getByLabel(label, { exact: true }), label).not.toHaveAttribute("aria-invalid");
  }
});

test("on a 360 px screen the search form puts two fields in a row", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${web.url}/listings?city=Berlin`);
  const form = page.getByRole("search", { name: "Search stays" });
  const box = async (label: string) => {
    const found = await form.getByLabel(label, { exact: true }).boundingBox();
    expect(found, label).not.toBeNull();
    return found as { x: number; y: number };
  };
  for (const [left, right] of [
    ["City", "Pets"],
    ["Check-in", "Check-out"],
    ["Min price / night", "Max price / night"],
  ] as const) {
    const [a, b] = [await box(left), await box(right)];
    expect(b.y, `${right} beside ${left}`).toBe(a.y);
    expect(b.x, `${right} right of ${left}`).toBeGreaterThan(a.x);
  }
  await context.close();
});

test("a city nobody lists gives the empty state; SQL and LIKE metacharacters are just text", async ({ page }) => {
  await page.goto(`${web.url}/listings?city=Atlantis`);
  await expect(page.getByText("No stays match this search")).toBeVisible();
  const response = await page.goto(`${web.url}/listings?q=${encodeURIComponent("%' OR 1=1 --_\\")}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("No stays match this search")).toBeVisible();
});

test("a paused listing is a 404 for the public", async ({ page }) => {
  const [paused] = await query<{ id: string }>("SELECT id FROM pets.listings WHERE status = 'PAUSED' LIMIT 1");
  expect(paused, "the seed has a paused listing").toBeDefined();
  const response = await page.goto(`${web.url}/listings/${paused?.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This stay is not available" })).toBeVisible();
});

test("a price range is in each listing's own currency: yen amounts find the Tokyo stays", async ({ page }) => {
  // The form's whole numbers are yen for a yen listing (the seed's Tokyo stays cost ¥4,000 to ¥7,750).
  await page.goto(`${web.url}/listings?city=tokyo&minPrice=5000&maxPrice=6000&sort=price`);
  const prices = page.getByRole("list", { name: "Stays" }).getByRole("listitem").locator("strong");
  await expect(prices).toHaveText(["¥5,500", "¥5,750", "¥6,000"]);
  await expect(page.getByRole("search", { name: "Search stays" }).getByLabel("Min price / night")).toHaveValue("5000");
});
