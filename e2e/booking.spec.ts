// Issue 5 end to end: a sitter lists and sets availability, two tenants ask for overlapping
// dates, the sitter accepts one and the other is declined in the same transaction. Dates are
// relative to today, so the test never goes stale; every user signs in through the real magic link.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { signInEmailCount, submitSignInForm, waitForSignInLink } from "./auth";
import { type E2eUser, expect, plusDays, signedIn, test, today as todayDate } from "./fixtures";
import { pets, web } from "./urls";

// The first Monday at least 8 days ahead: after "today" in Berlin whatever the hour in UTC.
const today = todayDate();
const monday = (() => {
  let date = plusDays(today, 8);
  while (new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) date = plusDays(date, 1);
  return date;
})();
const sunday = plusDays(monday, 6);
const stay = { start: monday, end: plusDays(monday, 3) }; // Monday, Tuesday, Wednesday nights
const overlapping = { start: plusDays(monday, 1), end: plusDays(monday, 4) };
const block = { start: plusDays(monday, 7), end: plusDays(monday, 9) };
const title = `E2E dog flat ${Date.now().toString(36)}`;

const dayCell = (page: Page, date: string) => page.locator(`td[data-date="${date}"]`);

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** A page signed in as a user whose session an earlier test kept (fewer magic links to wait for). */
const pageAs = async (browser: Browser, session: Session) =>
  (await browser.newContext({ storageState: session })).newPage();

test.describe
  .serial("booking a stay", () => {
    let listingId = "";
    let sitterSession: Session;
    let tenantSession: Session;
    // The story's four people, shared by its steps.
    let sitterUser: E2eUser;
    let otherSitter: E2eUser;
    let firstTenant: E2eUser;
    let secondTenant: E2eUser;

    test.beforeAll(async ({ data }) => {
      [sitterUser, otherSitter] = [await data.user("SITTER"), await data.user("SITTER")];
      [firstTenant, secondTenant] = [await data.user("TENANT"), await data.user("TENANT")];
    });

    test("a sitter creates a listing and sets its availability", async ({ browser }) => {
      const page = await signedIn(browser, sitterUser, `${pets.url}/listings`);
      await expect(page).toHaveURL(`${pets.url}/listings`);
      await page.getByRole("banner").getByRole("link", { name: "Listings" }).click();
      await page.getByRole("link", { name: "New listing" }).click();

      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByLabel("Description").fill("A garden, two walks a day.");
      await page.getByLabel("City").fill("Berlin");
      await page.getByLabel("Time zone").fill("Europe/Berlin");
      await page.getByLabel("Nightly price").fill("45.50");
      await page.getByLabel("Currency").fill("EUR");
      await page.getByRole("checkbox", { name: "Dog" }).check();
      await page.getByLabel("Most pets at once").fill("2");
      await page.getByLabel("Cancellation policy").selectOption("FLEXIBLE");
      await page.getByLabel("Photo addresses").fill("https://photos.burrow.test/garden.jpg");
      await page.getByRole("button", { name: "Create listing" }).click();

      await expect(page).toHaveURL(/\/listings\/[a-z0-9]+\/availability\?created=1$/);
      listingId = new URL(page.url()).pathname.split("/")[2] ?? "";
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Availability of “${title}”`);

      // No stays on Sundays; a blocked range the week after the stays.
      await page.getByRole("checkbox", { name: "Sunday" }).uncheck();
      await page.getByRole("button", { name: "Save weekly plan" }).click();
      await expect(page.getByText("Weekly plan saved.")).toBeVisible();
      await expect(dayCell(page, sunday)).toHaveAttribute("data-state", "off");

      await page.getByLabel("First blocked day").fill(block.start);
      await page.getByLabel("Available again on").fill(block.end);
      await page.getByLabel("Reason (only you see it)").fill("Vet conference");
      await page.getByRole("button", { name: "Block these dates" }).click();
      await expect(page.getByText(`Blocked ${block.start} to ${block.end}.`)).toBeVisible();
      await expect(dayCell(page, block.start)).toHaveAttribute("data-state", "blocked");
      await expect(dayCell(page, block.start)).toContainText("Blocked");
      await expect(dayCell(page, monday)).toHaveAttribute("data-state", "free");

      // Usable at 360 px: the calendar and the forms reflow instead of scrolling sideways.
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      await page.goto(`${pets.url}/listings`);
      const card = page.getByTestId("my-listing").filter({ hasText: title });
      await expect(card).toContainText("Active: takes requests");
      sitterSession = await page.context().storageState();
      await page.context().close();
    });

    test("two tenants request overlapping dates; accepting one declines the other", async ({ browser }) => {
      const bookUrl = (dates: { start: string; end: string }) =>
        `${pets.url}/book/${listingId}?start=${dates.start}&end=${dates.end}&pets=1`;

      // The first tenant follows web's "Request a stay" link signed out: web's sign-in brings them back.
      // (The link web's listing page makes; e2e/search.spec.ts follows it from a search.)
      const first = await (await browser.newContext()).newPage();
      await first.goto(bookUrl(stay));
      await expect(first).toHaveURL(new RegExp(`^${web.url}/auth/signin\\?`));
      const before = await signInEmailCount(firstTenant.email);
      await submitSignInForm(first, firstTenant.email);
      await first.goto(await waitForSignInLink(firstTenant.email, before));
      await expect(first).toHaveURL(bookUrl(stay));
      await expect(first.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(first.getByLabel("Arrival")).toHaveValue(stay.start);
      await expect(first.getByLabel("Departure")).toHaveValue(stay.end);
      await expect(dayCell(first, sunday)).toHaveAttribute("data-state", "off");
      await first.getByLabel("Message to the sitter (optional)").fill("One calm labrador.");
      await first.getByRole("button", { name: "Request this stay" }).click();
      await expect(first).toHaveURL(/\/stays\/[a-z0-9]+$/);
      await expect(first.getByTestId("booking-status")).toHaveText("Requested");
      await expect(first.getByText("€136.50 (3 × €45.50)")).toBeVisible();

      // The second tenant signs in on web first, picks the dates on web's listing page and follows its
      // "Request a stay" form into pets.
      const second = await signedIn(browser, secondTenant);
      await expect(second).toHaveURL(`${web.url}/`);
      await second.goto(`${web.url}/listings/${listingId}`);
      await expect(second.getByRole("img", { name: `${title} (1 of 1)` })).toHaveCount(1);
      const request = second.getByRole("form", { name: "Request a stay" });
      await request.getByLabel("Check-in").fill(overlapping.start);
      await request.getByLabel("Check-out").fill(overlapping.end);
      await request.getByRole("button", { name: "Request a stay" }).click();
      await expect(second).toHaveURL(bookUrl(overlapping));
      await expect(second.getByLabel("Arrival")).toHaveValue(overlapping.start);
      await second.getByRole("button", { name: "Request this stay" }).click();
      await expect(second).toHaveURL(/\/stays\/[a-z0-9]+$/);
      const secondStayUrl = second.url();
      await expect(second.getByTestId("booking-status")).toHaveText("Requested");

      // The sitter accepts the first request from the inbox.
      const sitter = await pageAs(browser, sitterSession);
      await sitter.goto(pets.url);
      await sitter.getByRole("banner").getByRole("link", { name: "Requests" }).click();
      await expect(sitter).toHaveURL(`${pets.url}/requests`);
      await sitter.getByRole("link", { name: "Requested", exact: true }).click();
      await expect(sitter).toHaveURL(`${pets.url}/requests?status=REQUESTED`);
      await sitter.getByRole("link", { name: `${title}: ${stay.start} to ${stay.end}` }).click();
      await sitter.getByRole("button", { name: "Accept" }).click();
      await expect(sitter.getByText("Accepted. 1 overlapping request(s) were declined.")).toBeVisible();
      await expect(sitter.getByTestId("booking-status")).toHaveText("Accepted");

      // The first tenant sees it accepted in My stays; the second request was declined with it.
      await first.getByRole("banner").getByRole("link", { name: "My stays" }).click();
      await expect(first).toHaveURL(`${pets.url}/stays`);
      await expect(first.getByTestId("stay").filter({ hasText: title }).getByTestId("booking-status")).toHaveText(
        "Accepted",
      );
      await second.goto(secondStayUrl);
      await expect(second.getByTestId("booking-status")).toHaveText("Declined");
      await second.goto(`${pets.url}/stays?status=DECLINED`);
      await expect(second.getByTestId("stay").filter({ hasText: title })).toHaveCount(1);

      // Asking again for taken dates is a clear conflict, not an error page.
      await second.goto(bookUrl(overlapping));
      await second.getByRole("button", { name: "Request this stay" }).click();
      await expect(second.getByTestId("form-error")).toContainText("Conflict (409): Those dates are already booked");

      // Pets' outbox reaches web: each tenant finds the outcome among their notifications there.
      for (const [page, heading] of [
        [first, "Stay accepted"],
        [second, "Request declined"],
      ] as const) {
        await expect
          .poll(
            async () => {
              await page.goto(`${web.url}/notifications`);
              return page.getByRole("heading", { name: heading }).count();
            },
            {
              message: `"${heading}" among ${page === first ? "the first" : "the second"} tenant's notifications`,
              timeout: 30_000,
            },
          )
          .toBe(1);
      }

      tenantSession = await first.context().storageState();
      for (const page of [first, second, sitter]) await page.context().close();
    });

    test("another sitter gets 404s; bad input and broken rules show field errors; conflicts read as 409", async ({
      browser,
    }) => {
      const page = await signedIn(browser, otherSitter, `${pets.url}/listings`);
      for (const path of [
        `/listings/${listingId}/edit`,
        `/listings/${listingId}/availability`,
        "/listings/nope/edit",
      ]) {
        const response = await page.goto(`${pets.url}${path}`);
        expect(response?.status(), path).toBe(404);
      }

      // A negative price is a field error next to the price; the form keeps what was typed.
      await page.goto(`${pets.url}/listings/new`);
      await page.getByLabel("Title", { exact: true }).fill("Negative flat");
      await page.getByLabel("Description").fill("Too cheap.");
      await page.getByLabel("City").fill("Berlin");
      await page.getByLabel("Nightly price").fill("-5");
      await page.getByRole("button", { name: "Create listing" }).click();
      await expect(page.locator("#listing-price-error")).toContainText("Enter an amount of 0 or more");
      await expect(page.getByLabel("Nightly price")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Negative flat");
      await expect(page).toHaveURL(`${pets.url}/listings/new`);
      // No species picked: each checkbox is marked, the group is described by the error; hints stay linked.
      await page.getByLabel("Nightly price").fill("45");
      await page.getByRole("checkbox", { name: "Dog" }).uncheck();
      await page.getByRole("button", { name: "Create listing" }).click();
      await expect(page.getByRole("checkbox", { name: "Dog" })).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByRole("group", { name: "Species you take" })).toHaveAccessibleDescription(
        /Choose at least one species/,
      );
      await expect(page.getByLabel("Time zone")).toHaveAccessibleDescription(/IANA time zone/);
      await expect(page.getByLabel("Title", { exact: true })).not.toHaveAttribute("aria-invalid");

      // A date that does not exist, typed past the browser's date picker, is a field error too.
      await page.goto(`${pets.url}/book/${listingId}`);
      await page.getByLabel("Arrival").evaluate((input: HTMLInputElement) => {
        input.type = "text";
        input.value = "2026-02-30";
      });
      await page.getByLabel("Departure").fill(overlapping.end);
      await page.getByRole("button", { name: "Request this stay" }).click();
      await expect(page.locator("#stay-start-error")).toHaveText("No such calendar date");

      // Rules of the listing come back per field: past dates, too many pets.
      await page.goto(`${pets.url}/book/${listingId}?start=${plusDays(today, -3)}&end=${today}&pets=5`);
      await page.getByRole("button", { name: "Request this stay" }).click();
      await expect(page.locator("#stay-start-error")).toContainText("The stay must start after today");
      await expect(page.locator("#stay-pets-error")).toHaveText("This sitter takes at most 2 pets");
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // The owner: archiving over an accepted stay is a conflict; a paused listing has no public page;
      // a sitter cannot request a stay on their own listing.
      const owner = await pageAs(browser, sitterSession);
      await owner.goto(`${pets.url}/listings`);
      const card = owner.getByTestId("my-listing").filter({ hasText: title });
      // Archiving asks first; "Keep it" changes nothing: no request was sent, so nothing is pending.
      await card.getByRole("button", { name: /^Archive/ }).click();
      await card.getByRole("button", { name: "Keep it" }).click();
      await expect(card).toContainText("Active: takes requests");
      expect(await card.getByRole("button", { name: /^Archive/ }).isEnabled()).toBe(true);
      await card.getByRole("button", { name: /^Archive/ }).click();
      await expect(card.getByRole("alert")).toContainText("cannot be resumed");
      await card.getByRole("button", { name: "Archive for good" }).click();
      await expect(card.getByTestId("form-error")).toContainText("Conflict (409): This listing has 1 accepted stay(s)");
      await card.getByRole("button", { name: /^Pause/ }).click();
      await expect(card).toContainText("Paused: takes no new requests");
      expect((await page.goto(`${pets.url}/book/${listingId}`))?.status()).toBe(404);
      await card.getByRole("button", { name: /^Resume/ }).click();
      await expect(card).toContainText("Active: takes requests");
      await owner.goto(`${pets.url}/book/${listingId}?start=${overlapping.start}&end=${overlapping.end}`);
      await owner.getByRole("button", { name: "Request this stay" }).click();
      await expect(owner.getByTestId("form-error")).toContainText("You cannot request a stay on your own listing");
      await owner.context().close();
      await page.context().close();
    });

    test("after a completed stay both review each other; the listing shows the published average", async ({
      browser,
      data,
    }) => {
      // A stay that ended today, as the sweeper leaves it: stays cannot be requested in the past.
      const { id: stayId } = await data.booking(
        { id: listingId, nightlyPriceMinor: 4_550, currency: "EUR", cancellationPolicy: "FLEXIBLE" },
        firstTenant.id,
        { start: plusDays(today, -3), end: today, status: "COMPLETED" },
      );

      const tenant = await pageAs(browser, tenantSession);
      await tenant.goto(`${pets.url}/stays/${stayId}`);
      await expect(tenant.getByTestId("booking-status")).toHaveText("Completed");
      await tenant.getByRole("button", { name: "Publish review" }).click();
      await expect(tenant.locator("#review-rating-error")).toHaveText("Pick a rating from 1 to 5");
      await tenant.getByRole("radio", { name: "4" }).check();
      await tenant.getByLabel("Your review").fill("Our labrador came home happy.");
      await tenant.getByRole("button", { name: "Publish review" }).click();
      const mine = tenant.getByTestId("review").filter({ hasText: "Our labrador came home happy." });
      await expect(mine).toContainText("Your review: 4 of 5 (hidden until the other party writes theirs");
      await expect(tenant.getByRole("button", { name: "Publish review" })).toHaveCount(0);

      // Double-blind: the sitter does not see the tenant's review until they have written theirs.
      const sitter = await pageAs(browser, sitterSession);
      await sitter.goto(`${pets.url}/requests/${stayId}`);
      await expect(sitter.getByText("No published review from the pet owner yet.")).toBeVisible();
      await sitter.getByRole("radio", { name: "5" }).check();
      await sitter.getByLabel("Your review").fill("A lovely dog and clear instructions.");
      await sitter.getByRole("button", { name: "Publish review" }).click();
      // The second review publishes both.
      const reviews = sitter.getByTestId("review");
      await expect(reviews.filter({ hasText: "A lovely dog" }).locator("figcaption")).toHaveText("Your review: 5 of 5");
      await expect(reviews.filter({ hasText: "Our labrador came home happy." }).locator("figcaption")).toHaveText(
        `Review by ${firstTenant.screenname}: 4 of 5`,
      );

      // Only the tenant's review of the sitter counts for the listing.
      await tenant.goto(`${pets.url}/book/${listingId}`);
      await expect(tenant.getByTestId("rating")).toHaveText("4.0 of 5 from 1 review");
      await expect(tenant.getByText("Our labrador came home happy.")).toBeVisible();
      for (const page of [tenant, sitter]) await page.context().close();
    });

    test("the sitter cancels the accepted stay with a reason; the tenant is refunded in full and told why", async ({
      browser,
    }) => {
      const sitter = await pageAs(browser, sitterSession);
      await sitter.goto(`${pets.url}/requests?status=ACCEPTED`);
      await sitter.getByRole("link", { name: `${title}: ${stay.start} to ${stay.end}` }).click();
      await expect(sitter).toHaveURL(/\/requests\/[a-z0-9]+$/);
      const stayId = new URL(sitter.url()).pathname.split("/")[2];
      const cancel = sitter.getByRole("form", { name: "Cancel this stay" });
      await expect(cancel).toContainText("The pet owner gets a full refund (€136.50)");

      // No reason is a field error next to the reason, and nothing changes.
      await cancel.getByRole("button", { name: "Cancel the stay" }).click();
      const reason = cancel.getByLabel("Why are you cancelling?");
      await expect(sitter.locator("#sitter-cancel-reason-error")).toHaveText("Tell the pet owner why you cancel");
      await expect(reason).toHaveAttribute("aria-invalid", "true");
      await expect(reason).toHaveAccessibleDescription(/Tell the pet owner why you cancel/);
      await expect(sitter.getByTestId("booking-status")).toHaveText("Accepted");

      await reason.fill("  My dog fell ill and I cannot host.  ");
      await cancel.getByRole("button", { name: "Cancel the stay" }).click();
      await expect(
        sitter.getByText("Cancelled. The pet owner is refunded in full and has been told why."),
      ).toBeVisible();
      await expect(sitter.getByTestId("booking-status")).toHaveText("Cancelled");
      await expect(sitter.getByTestId("cancel-reason")).toHaveText("My dog fell ill and I cannot host.");

      // The tenant sees the stay cancelled by the sitter, the whole price refunded, and the reason.
      const tenant = await pageAs(browser, tenantSession);
      await tenant.goto(`${pets.url}/stays/${stayId}`);
      await expect(tenant.getByTestId("booking-status")).toHaveText("Cancelled");
      await expect(tenant.getByText(/by the sitter$/)).toBeVisible();
      await expect(tenant.getByTestId("refund")).toHaveText("€136.50");
      await expect(tenant.getByTestId("cancel-reason")).toHaveText("My dog fell ill and I cannot host.");
      await expect(tenant.getByRole("button", { name: "Cancel this stay" })).toHaveCount(0);

      // Pets' outbox reaches web: the tenant is notified there, with the reason.
      await expect
        .poll(
          async () => {
            await tenant.goto(`${web.url}/notifications`);
            return tenant.getByRole("heading", { name: "The sitter cancelled your stay" }).count();
          },
          { message: "the sitter's cancellation among the tenant's notifications", timeout: 30_000 },
        )
        .toBe(1);
      await expect(tenant.getByText(/Their reason: My dog fell ill and I cannot host\./)).toBeVisible();

      // Both apps' listing pages now show the sitter's cancellation.
      await tenant.goto(`${web.url}/listings/${listingId}`);
      await expect(tenant.getByTestId("sitter-cancellations")).toHaveText("Cancelled 1 stay in the last 12 months");
      await tenant.goto(`${pets.url}/book/${listingId}`);
      await expect(tenant.getByTestId("sitter-cancellations")).toHaveText("Cancelled 1 stay in the last 12 months");
      for (const page of [tenant, sitter]) await page.context().close();
    });
  });
