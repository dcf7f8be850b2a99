import { SIGN_IN_LINK_LIFETIME_SECONDS } from "@burrow/auth";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your e-mail" };

export default function CheckEmailPage() {
  return (
    <section aria-labelledby="check-heading" className="max-w-2xl">
      <h1 id="check-heading">Check your e-mail</h1>
      <p>
        We sent you a sign-in link. Open it to sign in; it works once and expires in{" "}
        {SIGN_IN_LINK_LIFETIME_SECONDS / 60} minutes.
      </p>
      <p className="text-muted">
        No e-mail? Check your spam folder, or <Link href="/auth/signin">request a new link</Link>.
      </p>
    </section>
  );
}
