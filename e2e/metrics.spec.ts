// Issue 19: each app's /api/metrics refuses without its bearer token, counts scripted traffic by the
// right amounts (requests by route template, MongoDB commands, sign-in links, SMTP calls, booking
// requests) and keeps the number of series flat however many distinct URLs are requested.

import { inbox } from "./auth";
import { expect, signedIn, stayDates, test } from "./fixtures";
import { E2E_METRICS_TOKEN, type Scrape, scrape } from "./metrics";
import { pets, web } from "./urls";

// Two magic-link sign-ins and a booking, or a thousand requests, on a shared machine.
test.setTimeout(180_000);

test("/api/metrics answers only with the bearer token", async () => {
  for (const app of [web, pets]) {
    const url = `${app.url}/api/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer not-the-token-at-all-000" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: E2E_METRICS_TOKEN } })).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    for (const name of [
      "burrow_http_request_duration_seconds",
      "burrow_db_pool_connections",
      "process_cpu_seconds_total",
    ]) {
      expect(body).toContain(`# TYPE ${name}`);
    }
  }
  expect(
    await (
      await fetch(`${pets.url}/api/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })
    ).text(),
  ).toContain("burrow_outbox_lag_seconds");
});

test("scripted traffic moves the counters by the right amounts", async ({ browser, tenant, sitter }) => {
  const home = { route: "/", method: "GET", status: "200" };
  const live = { route: "/api/health/live", method: "GET", status: "200" };
  const moved = (before: Scrape, after: Scrape, name: string, labels?: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);
  const [webBefore, petsBefore] = [await scrape(web.url), await scrape(pets.url)];
  for (let i = 0; i < 5; i++) expect((await fetch(`${web.url}/`)).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await fetch(`${pets.url}/api/health/live`)).status).toBe(200);
  const [webMid, petsMid] = [await scrape(web.url), await scrape(pets.url)];
  expect(moved(webBefore, webMid, "burrow_http_request_duration_seconds_count", home)).toBe(5);
  expect(moved(petsBefore, petsMid, "burrow_http_request_duration_seconds_count", live)).toBe(3);
  // The articles list reads MongoDB: at least one command per page, none failed.
  for (let i = 0; i < 2; i++) expect((await fetch(`${web.url}/articles`)).status).toBe(200);
  const webArticles = await scrape(web.url);
  expect(moved(webMid, webArticles, "burrow_service_calls_total", { dependency: "mongodb" })).toBeGreaterThanOrEqual(2);
  expect(moved(webMid, webArticles, "burrow_service_call_errors_total", { dependency: "mongodb" })).toBe(0);

  // One sign-in link (web e-mails it over SMTP) and one booking request in pets.
  const { start, end } = stayDates();
  const page = await signedIn(
    browser,
    tenant,
    `${pets.url}/book/${sitter.listing.id}?start=${start}&end=${end}&pets=1`,
  );
  await page.getByRole("button", { name: "Request this stay" }).click();
  await expect(page).toHaveURL(/\/stays\/[a-z0-9]+$/);

  // The request also e-mails the sitter, through pets' outbox and web, whenever the dispatcher gets
  // there: wait for it, so web's SMTP calls are the sign-in link and that e-mail, not a race.
  await expect
    .poll(async () => (await inbox(sitter.email)).map((m) => m.subject), { timeout: 30_000 })
    .toContain("New stay request");

  const [webAfter, petsAfter] = [await scrape(web.url), await scrape(pets.url)];
  expect(moved(webArticles, webAfter, "burrow_magic_links_sent_total")).toBe(1);
  expect(moved(webArticles, webAfter, "burrow_service_calls_total", { dependency: "smtp" })).toBe(2);
  expect(moved(petsMid, petsAfter, "burrow_bookings_requested_total")).toBe(1);
  expect(moved(petsBefore, petsAfter, "burrow_service_calls_total", { dependency: "postgresql" })).toBeGreaterThan(0);
});

/** GET, tried again once when a kept-alive socket was closed under us (undici's "other side closed"). */
const get = (url: string) => fetch(url).catch(() => fetch(url));

test("1,000 distinct URLs leave the number of series flat", async () => {
  const hit = async (from: number, to: number) => {
    const paths = Array.from(
      { length: to - from },
      (_, i) => [`/listings/missing-${from + i}`, `/no-such-page/${from + i}?q=${i}`][i % 2],
    );
    // Eight at a time: the point is distinct URLs, not load.
    for (let i = 0; i < paths.length; i += 8) {
      const answers = await Promise.all(paths.slice(i, i + 8).map((path) => get(`${web.url}${path}`)));
      for (const res of answers) expect(res.status).toBe(404);
    }
  };
  // Burrow's own series (the runtime's, like GC kinds, appear as the process meets them). The scrape
  // itself is counted only by the next scrape, so its route's series are left out.
  const ours = (series: string[]) =>
    series.filter((line) => line.startsWith("burrow_") && !line.includes('route="/api/metrics"'));
  await hit(0, 50);
  const before = ours((await scrape(web.url)).series);
  await hit(50, 1_050);
  const after = await scrape(web.url);
  expect(ours(after.series).length).toBe(before.length);
  expect(after.series.some((line) => line.includes("missing-"))).toBe(false);
});
