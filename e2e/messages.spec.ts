// Issue 17, conversations: a tenant asks a sitter from web's listing page, the sitter (thread open in
// another browser) sees it arrive without a reload and answers, the tenant sees the answer; unread
// counts in both apps' headers go up and clear on reading; booking status lines; bad input refused
// inline with nothing stored. Every user signs in through the real magic link.
import type { Page } from "@playwright/test";
import pg from "pg";
import { type E2eUser, expect, signedIn, test } from "./fixtures";
import { pets, web } from "./urls";

const title = `E2E chatty flat ${Date.now().toString(36)}`;

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (date: Date) => date.toISOString().slice(0, 10);
const start = iso(new Date(Date.now() + 20 * DAY_MS));
const end = iso(new Date(Date.now() + 23 * DAY_MS));

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const messagesIn = async (conversationId: string) =>
  Number(
    (
      await query<{ n: string }>("SELECT count(*) AS n FROM pets.messages WHERE conversation_id = $1", [conversationId])
    )[0]?.n,
  );

/** Marks the document; still marked later means the page was never reloaded or navigated. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { burrowMarker: true }));
const stillSameDocument = (page: Page) => page.evaluate(() => "burrowMarker" in window);

const header = (page: Page) => page.getByRole("banner");
const composer = (page: Page) => page.getByRole("form", { name: "Write a message" });

async function send(page: Page, text: string) {
  await composer(page).getByLabel("Your message").fill(text);
  await composer(page).getByRole("button", { name: "Send" }).click();
}

/** Sends and waits for the answer: the form emptied (sent) or an error above it (refused). */
async function sendAndSettle(page: Page, text: string): Promise<string> {
  await send(page, text);
  const outcome = async () => {
    if (await composer(page).getByTestId("form-error").isVisible()) return "refused";
    return (await composer(page).getByLabel("Your message").inputValue()) === "" ? "sent" : "pending";
  };
  await expect.poll(outcome).not.toBe("pending");
  return outcome();
}

/** Sets the textarea's value as a script could, past its maxLength, then sends. */
async function sendRaw(page: Page, text: string) {
  await composer(page)
    .getByLabel("Your message")
    .evaluate((el, value) => {
      (el as HTMLTextAreaElement).value = value;
    }, text);
  await composer(page).getByRole("button", { name: "Send" }).click();
}

test.describe
  .serial("conversations", () => {
    let listingId = "";
    let conversationId = "";
    let sitter: Page;
    let tenant: Page;
    let sitterUser: E2eUser;
    let tenantUser: E2eUser;

    test.beforeAll(async ({ data }) => {
      [sitterUser, tenantUser] = [await data.user("SITTER"), await data.user("TENANT")];
      listingId = (await data.listing(sitterUser.id, { title, nightlyPriceMinor: 4_000, species: ["DOG"] })).id;
    });

    test("a tenant asks from web's listing page; the sitter's header counts it; reading clears it", async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      sitter = await signedIn(browser, sitterUser, `${pets.url}/messages`);
      await expect(sitter).toHaveURL(`${pets.url}/messages`);
      await expect(sitter.getByText("No conversations yet.")).toBeVisible();
      await expect(header(sitter).getByTestId("messages-unread")).toHaveCount(0);

      tenant = await signedIn(browser, tenantUser, `${web.url}/listings/${listingId}`);
      await expect(tenant.getByRole("heading", { level: 1 })).toHaveText(title);
      await tenant.getByRole("link", { name: "Ask a question" }).click();
      await expect(tenant).toHaveURL(`${pets.url}/messages/listing/${listingId}`);
      await expect(tenant.getByText("No messages yet.")).toBeVisible();
      await send(tenant, "Hello! Is the garden fenced?");
      await expect(tenant).toHaveURL(/\/messages\/c[a-z0-9]+$/);
      conversationId = new URL(tenant.url()).pathname.split("/")[2] ?? "";
      await expect(tenant.getByTestId("message")).toHaveText([/Hello! Is the garden fenced\?/]);

      await sitter.reload();
      await expect(header(sitter).getByTestId("messages-unread")).toHaveText("1");
      const row = sitter.getByTestId("conversation").filter({ hasText: title });
      await expect(row).toContainText("Hello! Is the garden fenced?");
      await row.getByRole("link").click();
      await expect(sitter).toHaveURL(`${pets.url}/messages/${conversationId}`);
      await expect(sitter.getByTestId("message")).toHaveText([/Hello! Is the garden fenced\?/]);
      // On screen means read: the header's count goes without a reload.
      await expect(header(sitter).getByTestId("messages-unread")).toHaveCount(0);
    });

    test("the sitter sees the next question arrive live and answers; the tenant sees the answer live", async () => {
      await markDocument(sitter);
      // "Ask a question" again: the same thread.
      await tenant.goto(`${web.url}/listings/${listingId}`);
      await tenant.getByRole("link", { name: "Ask a question" }).click();
      await expect(tenant).toHaveURL(`${pets.url}/messages/${conversationId}`);
      await markDocument(tenant);
      await send(tenant, "Can I bring two dogs?");

      await expect(sitter.getByTestId("message").last()).toContainText("Can I bring two dogs?");
      expect(await stillSameDocument(sitter)).toBe(true);
      await send(sitter, "Yes, both are welcome. Photos: https://photos.burrow.test/garden and javascript:alert(1)");
      const answer = tenant.getByTestId("message").last();
      await expect(answer).toContainText("Yes, both are welcome.");
      expect(await stillSameDocument(tenant)).toBe(true);
      // https addresses become links that pass on nothing; anything else stays text.
      const link = answer.getByRole("link", { name: "https://photos.burrow.test/garden" });
      await expect(link).toHaveAttribute("href", "https://photos.burrow.test/garden");
      await expect(link).toHaveAttribute("rel", "nofollow noopener noreferrer ugc");
      await expect(answer.getByRole("link")).toHaveCount(1);
      expect(await messagesIn(conversationId)).toBe(3);
    });

    test("web's header counts the tenant's unread messages, which clear once read in pets", async () => {
      await tenant.goto(`${web.url}/`);
      await expect(header(tenant).getByTestId("messages-unread")).toHaveCount(0);
      await send(sitter, "One more thing: bring their food.");
      await expect(sitter.getByTestId("message").last()).toContainText("bring their food");
      await tenant.reload();
      await expect(header(tenant).getByTestId("messages-unread")).toHaveText("1");
      await header(tenant)
        .getByRole("link", { name: /Messages/ })
        .click();
      await expect(tenant).toHaveURL(`${pets.url}/messages`);
      await tenant.getByTestId("conversation").filter({ hasText: title }).getByRole("link").click();
      await expect(tenant.getByTestId("message").last()).toContainText("bring their food");
      await expect(header(tenant).getByTestId("messages-unread")).toHaveCount(0);
      await tenant.goto(`${web.url}/`);
      await expect(header(tenant).getByTestId("messages-link")).toHaveText("Messages");
    });

    test("the stay's status changes show in the thread as system lines, linked to the booking", async () => {
      await tenant.goto(`${pets.url}/book/${listingId}?start=${start}&end=${end}&pets=2`);
      await tenant.getByRole("button", { name: "Request this stay" }).click();
      await expect(tenant).toHaveURL(/\/stays\/c[a-z0-9]+$/);
      const stayPath = new URL(tenant.url()).pathname;
      await tenant.getByRole("link", { name: "Message the sitter" }).click();
      await expect(tenant).toHaveURL(`${pets.url}/messages/${conversationId}`);
      const line = tenant.getByTestId("system-line").last();
      await expect(line).toContainText(`Stay ${start} to ${end} requested (2 pets)`);
      await expect(line.getByRole("link")).toHaveAttribute("href", stayPath);

      // The sitter declines from the request page and finds the thread from there too.
      const bookingId = stayPath.split("/")[2] ?? "";
      await sitter.goto(`${pets.url}/requests/${bookingId}`);
      await sitter.getByRole("button", { name: "Decline" }).click();
      await expect(sitter.getByTestId("booking-status")).toHaveText("Declined");
      await sitter.getByRole("link", { name: /^Message / }).click();
      await expect(sitter).toHaveURL(`${pets.url}/messages/${conversationId}`);
      await expect(sitter.getByTestId("system-line").last()).toContainText(`Stay ${start} to ${end} declined`);
      await expect(sitter.getByTestId("system-line").last().getByRole("link")).toHaveAttribute(
        "href",
        `/requests/${bookingId}`,
      );
    });

    test("bad input is refused inline and nothing is stored", async ({ browser, tenant: intruderUser }) => {
      const before = await messagesIn(conversationId);
      await tenant.goto(`${pets.url}/messages/${conversationId}`);
      const error = composer(tenant).locator("#message-body-error");

      await send(tenant, "   ");
      await expect(error).toHaveText("Write a message");
      await sendRaw(tenant, "x".repeat(4001));
      await expect(error).toHaveText("At most 4,000 characters");
      await sendRaw(tenant, "null \u0000 byte");
      await expect(error).toHaveText("Contains a NUL character");
      await sendRaw(tenant, "bell \u0007");
      await expect(error).toHaveText("Contains control characters");
      // A refused message stays in the form.
      await expect(composer(tenant).getByLabel("Your message")).toHaveValue("bell \u0007");
      expect(await messagesIn(conversationId)).toBe(before);

      // Messaging yourself: the sitter's own listing has no "ask" page for them.
      await sitter.goto(`${web.url}/listings/${listingId}`);
      await sitter.getByRole("link", { name: "Ask a question" }).click();
      await expect(sitter.getByText("This is your own listing: you cannot message yourself.")).toBeVisible();
      await expect(composer(sitter)).toHaveCount(0);

      // Someone else's thread: the page and the live stream answer 404, as for no thread at all.
      const intruder = await signedIn(browser, intruderUser, `${pets.url}/messages`);
      const page = await intruder.goto(`${pets.url}/messages/${conversationId}`);
      expect(page?.status()).toBe(404);
      await expect(intruder.getByText("Hello! Is the garden fenced?")).toHaveCount(0);
      const stream = await intruder.request.get(`${pets.url}/api/conversations/${conversationId}/events`);
      expect(stream.status()).toBe(404);
      await intruder.context().close();
      expect(await messagesIn(conversationId)).toBe(before);
    });

    test("a block stops messages both ways until it is lifted", async () => {
      await sitter.goto(`${pets.url}/messages/${conversationId}`);
      await tenant.goto(`${pets.url}/messages/${conversationId}`);
      await tenant.getByRole("button", { name: `Block ${sitterUser.screenname}` }).click();
      await expect(tenant.getByTestId("thread-closed")).toHaveText(
        `You blocked ${sitterUser.screenname}: unblock them to write again.`,
      );
      await expect(composer(tenant)).toHaveCount(0);
      const before = await messagesIn(conversationId);

      // The sitter's page still shows the form (it was open before): the server refuses.
      await send(sitter, "Are you still there?");
      await expect(composer(sitter).getByTestId("form-error")).toHaveText(
        "This member does not accept messages from you",
      );
      await sitter.reload();
      await expect(sitter.getByTestId("thread-closed")).toContainText("does not accept messages from you");
      expect(await messagesIn(conversationId)).toBe(before);

      await tenant.getByRole("button", { name: `Unblock ${sitterUser.screenname}` }).click();
      await expect(composer(tenant)).toBeVisible();
      await sitter.reload();
      await send(sitter, "Welcome back.");
      await expect(sitter.getByTestId("message").last()).toContainText("Welcome back.");
    });

    test("sending too fast is refused with the time to wait, and nothing more is stored", async () => {
      test.setTimeout(120_000);
      await tenant.goto(`${pets.url}/messages/${conversationId}`);
      const refusal = composer(tenant).getByTestId("form-error");
      // At most 10 a minute: send until refused (earlier tests' messages may still count).
      let sent = 0;
      for (; sent < 11; sent++) {
        if ((await sendAndSettle(tenant, `Quick question ${sent}`)) === "refused") break;
        await expect(tenant.getByTestId("message").filter({ hasText: `Quick question ${sent}` })).toHaveCount(1);
      }
      await expect(refusal).toContainText("You can send 10 messages a minute. Try again in");
      expect(sent).toBeLessThanOrEqual(10);
      const [row] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM pets.messages m JOIN identity.users u ON u.id = m.sender_id
          WHERE u.email = $1 AND m.body = $2`,
        [tenantUser.email, `Quick question ${sent}`],
      );
      expect(Number(row?.n)).toBe(0);
    });
  });
