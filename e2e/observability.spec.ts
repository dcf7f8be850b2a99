// Issue 19: the servers' output of a real sign-in + booking flow (magic links, a request, the sitter
// accepting, the outbox delivering to web) is JSON log lines with request and trace ids, and holds
// neither user's e-mail address nor their session tokens.
import type { Page } from "@playwright/test";
import { expect, signedIn, stayDates, test } from "./fixtures";
import { logOffset, logSince } from "./server-logs";
import { pets, web } from "./urls";

// Two magic-link sign-ins and a booking, or a thousand requests, on a shared machine.
test.setTimeout(180_000);

const sessionToken = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name === "authjs.session-token")?.value;

/** The JSON lines of a log excerpt (Next's own start-up banner and warnings are plain text). */
const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test("a sign-in and booking flow logs JSON with request and trace ids, and no e-mail or session token", async ({
  browser,
  tenant,
  sitter,
}) => {
  const offsets = { web: logOffset("web"), pets: logOffset("pets") };
  const { start, end } = stayDates();

  const tenantPage = await signedIn(
    browser,
    tenant,
    `${pets.url}/book/${sitter.listing.id}?start=${start}&end=${end}&pets=1`,
  );
  await tenantPage.getByRole("button", { name: "Request this stay" }).click();
  await expect(tenantPage).toHaveURL(/\/stays\/[a-z0-9]+$/);
  const stayPath = new URL(tenantPage.url()).pathname;

  const sitterPage = await signedIn(browser, sitter, `${pets.url}/requests`);
  await sitterPage.goto(`${pets.url}/requests${stayPath.replace("/stays", "")}`);
  await sitterPage.getByRole("button", { name: "Accept" }).click();
  await expect(sitterPage.getByTestId("booking-status")).toHaveText("Accepted");
  // The outbox delivers the acceptance to web, which notifies the tenant there.
  await expect(async () => {
    await tenantPage.goto(`${web.url}/notifications`);
    await expect(tenantPage.getByText(/accepted/i).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const secrets = [tenant.email, sitter.email, await sessionToken(tenantPage), await sessionToken(sitterPage)];
  expect(secrets.every(Boolean)).toBe(true);
  for (const app of ["web", "pets"] as const) {
    const output = logSince(app, offsets[app]);
    for (const secret of secrets) expect(output.toLowerCase()).not.toContain(String(secret).toLowerCase());

    const lines = jsonLines(output);
    const requests = lines.filter((line) => line.component === "http");
    expect(requests.length).toBeGreaterThan(3);
    for (const line of requests) {
      expect(line).toMatchObject({ level: "info", traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(line.requestId).toEqual(expect.any(String));
      // Route templates, never raw URLs with ids or queries.
      expect(String(line.route)).not.toContain("?");
    }
  }
  expect(jsonLines(logSince("pets", offsets.pets)).map((line) => line.route)).toContain("/stays/[id]");
});
