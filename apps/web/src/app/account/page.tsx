import { facts } from "@burrow/ui/classes";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { env } from "@/env";
import { isMongoUnavailable } from "@/server/mongo/connection";
import { emailPreferences } from "@/server/mongo/email-preferences";
import { EmailPreferencesForm } from "./_components/email-preferences-form";
import { ScreennameForm } from "./_components/screenname-form";
import { becomeSitter } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const ROLE_NAMES = { TENANT: "Pet owner", SITTER: "Sitter", ADMIN: "Administrator" } as const;

export default async function AccountPage() {
  const user = await requireUser({ returnTo: "/account" });
  // The rest of the page is PostgreSQL's: it stays usable while MongoDB is down.
  const preferences = await emailPreferences(user.id).catch((error: unknown) => {
    if (isMongoUnavailable(error)) return null;
    throw error;
  });
  return (
    <section aria-labelledby="account-heading" className="max-w-2xl">
      <h1 id="account-heading">Your account</h1>
      <dl className={facts}>
        <dt>E-mail</dt>
        <dd data-testid="account-email">{user.email}</dd>
        <dt>Role</dt>
        <dd data-testid="account-role">{ROLE_NAMES[user.role]}</dd>
      </dl>
      <h2>Screenname</h2>
      <ScreennameForm current={user.screenname} />
      <h2>Public profile</h2>
      <p>
        Tell others about you and your pets: <Link href="/account/profile">edit your profile</Link>
        {user.screenname && (
          <>
            {" "}
            or <Link href={`/u/${user.screenname}`}>see it as others do</Link>
          </>
        )}
        .
      </p>
      <h2 id="email">E-mail</h2>
      <p>Burrow e-mails you about your stays and requests. Each e-mail has a link that switches its kind off.</p>
      {preferences ? (
        <EmailPreferencesForm current={preferences} />
      ) : (
        <p role="status">Your e-mail settings cannot be shown right now. Try again in a minute.</p>
      )}
      <h2>Sitting</h2>
      {user.role === "TENANT" ? (
        <form action={becomeSitter} className="form">
          <p>Look after other people's pets: list your home on Burrow for sitters.</p>
          <button type="submit" className="button">
            Become a sitter
          </button>
        </form>
      ) : (
        <p>
          You can list your home and answer booking requests on{" "}
          <a href={new URL("/listings", env("PETS_URL")).href}>Burrow for sitters</a>.
        </p>
      )}
      <h2>Delete your account</h2>
      <p>
        <Link href="/account/delete">Delete your account</Link> and your personal data.
      </p>
    </section>
  );
}
