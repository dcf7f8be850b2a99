// Signing in through the real magic-link flow: the form on web, the e-mail in the mail catcher
// (MAIL_CATCHER_URL, started by test-all), the link followed in the browser.
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { web } from "./urls";

/** The apps' ADMIN_EMAILS in the e2e run: spaces and capitals on purpose. */
export const E2E_ADMIN_EMAILS = " Ops@Burrow.test , second-admin@burrow.test ";
export const ADMIN_BY_EMAIL = "ops@burrow.test";

/** A message as the mail catcher stored it. */
export interface CaughtMessage {
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** The subject of the magic-link e-mail (packages/auth). */
const SIGN_IN_SUBJECT = "Your Burrow sign-in link";

function catcherUrl(): string {
  const url = process.env.MAIL_CATCHER_URL;
  if (!url) throw new Error("MAIL_CATCHER_URL is not set: run the e2e tests through `pnpm test:all`");
  return url;
}

/** Every e-mail to `email` the mail catcher holds, newest first. */
export async function inbox(email: string): Promise<CaughtMessage[]> {
  const res = await fetch(`${catcherUrl()}/messages?to=${encodeURIComponent(email)}`);
  return (await res.json()) as CaughtMessage[];
}

/**
 * The sign-in e-mails to `email`, newest first. Only those: other mail (a new stay request, say) is
 * sent by the outbox whenever it gets there and must not be mistaken for the link.
 */
async function signInInbox(email: string): Promise<CaughtMessage[]> {
  return (await inbox(email)).filter((m) => m.subject === SIGN_IN_SUBJECT);
}

export const signInEmailCount = async (email: string) => (await signInInbox(email)).length;

/** The link in the newest sign-in e-mail to `email`, waiting until more than `before` have arrived. */
export async function waitForSignInLink(email: string, before: number): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        const messages = await signInInbox(email);
        link = messages[0]?.text.match(/https?:\/\/\S+/)?.[0] ?? "";
        return messages.length;
      },
      { message: `a sign-in e-mail to ${email}`, timeout: 15_000 },
    )
    .toBeGreaterThan(before);
  return link;
}

/** Fills the sign-in form the page shows and waits for "Check your e-mail". */
export async function submitSignInForm(page: Page, email: string): Promise<void> {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
}

/** Requests a link on web's sign-in page and returns it (not yet followed). */
export async function requestSignInLink(page: Page, email: string, callbackUrl?: string): Promise<string> {
  const before = await signInEmailCount(email);
  const query = callbackUrl ? `?${new URLSearchParams({ callbackUrl })}` : "";
  await page.goto(`${web.url}/auth/signin${query}`);
  await submitSignInForm(page, email);
  return waitForSignInLink(email, before);
}

export async function signIn(page: Page, email: string, callbackUrl?: string): Promise<void> {
  await page.goto(await requestSignInLink(page, email, callbackUrl));
}

/** Database sessions of the user with `email`. */
export async function sessionCount(email: string): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "SELECT count(*) FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id WHERE u.email = $1",
      [email],
    );
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

/** A fresh address per run, so reruns against the same database start clean. */
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}@burrow.test`;
