import { EMAIL_KINDS } from "@burrow/events";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { env } from "@/env";
import { verifyUnsubscribeLink } from "@/server/email/unsubscribe-token";
import { emailPreferences } from "@/server/mongo/email-preferences";

export const metadata: Metadata = { title: "Stop e-mails", robots: { index: false } };

/**
 * The unsubscribe link in every e-mail: no sign-in, the signed link is enough. It asks first (a mail
 * scanner following links must not unsubscribe anyone); the button posts the RFC 8058 one-click form.
 * A link that fails its check answers 403 with ./forbidden.tsx and changes nothing.
 */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const check = await verifyUnsubscribeLink(query, env("UNSUBSCRIBE_SECRET"));
  if (!check.ok) forbidden();
  const { userId, kind } = check.target;
  const label = EMAIL_KINDS[kind];
  const on = (await emailPreferences(userId))[kind];
  const action = `/api/email/unsubscribe?${new URLSearchParams({ u: userId, k: kind, t: String(query.t) })}`;
  return (
    <section aria-labelledby="unsubscribe-heading" className="max-w-2xl">
      <h1 id="unsubscribe-heading">Stop e-mails</h1>
      {on ? (
        <form method="post" action={action} className="form">
          <p>
            Burrow e-mails you when: <strong>{label}</strong>. Stop these e-mails? Other e-mails and your in-app
            notifications stay as they are.
          </p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <input type="hidden" name="from" value="page" />
          <button type="submit" className="button">
            Stop these e-mails
          </button>
        </form>
      ) : (
        <p role="status" data-testid="unsubscribed">
          You no longer get e-mails when: <strong>{label}</strong>.
        </p>
      )}
      <p>
        Sign in to choose which e-mails you get on <Link href="/account#email">your account page</Link>.
      </p>
    </section>
  );
}
