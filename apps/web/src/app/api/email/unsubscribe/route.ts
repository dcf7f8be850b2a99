// RFC 8058 one-click unsubscribe: the List-Unsubscribe header of every e-mail points here, and mail
// providers POST `List-Unsubscribe=One-Click` without cookies. The signed link (u, k, t in the query)
// is the only credential; the confirm page's button posts the same form and comes back to the page.
import { parseAuthEnv } from "@burrow/auth/env";
import { env } from "../../../../env";
import { unsubscribeFailure } from "../../../../server/email/unsubscribe-failure";
import { verifyUnsubscribeLink } from "../../../../server/email/unsubscribe-token";
import { isMongoUnavailable } from "../../../../server/mongo/connection";
import { switchOffEmail } from "../../../../server/mongo/email-preferences";

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function POST(request: Request) {
  const url = new URL(request.url);
  const check = await verifyUnsubscribeLink(Object.fromEntries(url.searchParams), env("UNSUBSCRIBE_SECRET"));
  if (!check.ok) {
    const { status, message } = unsubscribeFailure(check.reason);
    return json({ error: message }, status);
  }
  const form = await request.formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click") {
    return json({ error: "Send the form field List-Unsubscribe=One-Click (RFC 8058)" }, 400);
  }
  try {
    await switchOffEmail(check.target.userId, check.target.kind);
  } catch (error) {
    if (!isMongoUnavailable(error)) throw error;
    return json({ error: "Unsubscribing is unavailable right now; try again in a minute." }, 503);
  }
  if (form.get("from") === "page") {
    return Response.redirect(new URL(`/email/unsubscribe${url.search}`, parseAuthEnv().WEB_URL), 303);
  }
  return json({ unsubscribed: check.target.kind }, 200);
}
