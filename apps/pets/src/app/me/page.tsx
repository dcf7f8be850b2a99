import { facts } from "@burrow/ui/classes";
import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { env } from "@/env";

export const metadata: Metadata = { title: "Your account" };

const ROLE_NAMES = { TENANT: "Pet owner", SITTER: "Sitter", ADMIN: "Administrator" } as const;

export default async function MePage() {
  const user = await requireUser({ returnTo: "/me" });
  const accountUrl = new URL("/account", env("WEB_URL")).href;
  return (
    <section aria-labelledby="me-heading">
      <h1 id="me-heading">Your account</h1>
      <dl className={facts}>
        <dt>E-mail</dt>
        <dd data-testid="me-email">{user.email}</dd>
        <dt>Screenname</dt>
        <dd>{user.screenname ?? "not set"}</dd>
        <dt>Role</dt>
        <dd data-testid="me-role">{ROLE_NAMES[user.role]}</dd>
      </dl>
      {user.role === "TENANT" ? (
        <p>
          Want to look after pets? <a href={accountUrl}>Become a sitter</a> in your marketplace account.
        </p>
      ) : (
        <p>
          <a href="/listings">Your listings</a> · <a href={accountUrl}>Edit your account on the marketplace</a>
        </p>
      )}
    </section>
  );
}
