import { signIn } from "./auth";
import { expect, stayDates, test } from "./fixtures";
import { pets, web } from "./urls";

test("search by city and dates, open a stay, and request it on pets with the dates carried over", async ({
  page,
  tenant,
  sitter,
}) => {
  // Pets asks anonymous visitors to sign in first; a signed-in tenant lands on the booking page itself.
  await signIn(page, tenant.email);
  const { start, end } = stayDates();
  // Typed in lowercase: the city matches whatever its case.
  const city = sitter.listing.city.toLowerCase();

  await page.goto(`${web.url}/listings`);
  const search = page.getByRole("search", { name: "Search stays" });
  await search.getByLabel("City").fill(city);
  await search.getByLabel("Check-in").fill(start);
  await search.getByLabel("Check-out").fill(end);
  await search.getByLabel("Pets", { exact: true }).fill("1");
  await search.getByRole("button", { name: "Search" }).click();

  // The filters are the URL: shareable, and the form shows them back.
  await expect(page).toHaveURL(/\/listings\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(["city", "start", "end", "pets"].map((k) => [k, url.searchParams.get(k)]))).toEqual({
    city,
    start,
    end,
    pets: "1",
  });
  await expect(search.getByLabel("Check-in")).toHaveValue(start);

  // The sitter's listing is the only one in its city.
  const results = page.getByRole("list", { name: "Stays" }).getByRole("listitem");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText(sitter.listing.city);

  const first = results.first().getByRole("heading").getByRole("link");
  const title = sitter.listing.title;
  await expect(first).toHaveText(title);
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Availability" })).toBeVisible();
  const listingId = new URL(page.url()).pathname.split("/").at(-1);
  expect(listingId).toBe(sitter.listing.id);

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
  await expect(page.getByRole("search", { name: "Search stays" }).getByLabel("City")).toHaveValue(city);
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

test("a paused listing is a 404 for the public", async ({ page, data, sitter }) => {
  const paused = await data.listing(sitter.id, { status: "PAUSED" });
  const response = await page.goto(`${web.url}/listings/${paused.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This stay is not available" })).toBeVisible();
});

test("a price range is in each listing's own currency: yen amounts find the yen stays", async ({
  page,
  data,
  sitter,
}) => {
  // The form's whole numbers are yen for a yen listing, euros for a euro one: €55 (5,500 cents) is out.
  const { city } = sitter.listing;
  for (const yen of [4_000, 6_000, 5_500, 7_750, 5_750]) {
    await data.listing(sitter.id, { city, timeZone: "Asia/Tokyo", currency: "JPY", nightlyPriceMinor: yen });
  }
  await data.listing(sitter.id, { city, nightlyPriceMinor: 5_500 });
  await page.goto(
    `${web.url}/listings?${new URLSearchParams({ city, minPrice: "5000", maxPrice: "6000", sort: "price" })}`,
  );
  const prices = page.getByRole("list", { name: "Stays" }).getByRole("listitem").locator("strong");
  await expect(prices).toHaveText(["¥5,500", "¥5,750", "¥6,000"]);
  await expect(page.getByRole("search", { name: "Search stays" }).getByLabel("Min price / night")).toHaveValue("5000");
});
