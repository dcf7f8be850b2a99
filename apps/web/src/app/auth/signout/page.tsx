import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/auth";
import { signOutEverywhere } from "./actions";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await currentUser();
  if (!user) {
    return (
      <section aria-labelledby="signout-heading" className="max-w-2xl">
        <h1 id="signout-heading">You are signed out</h1>
        <p>
          <Link href="/">Back to Burrow</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="signout-heading" className="max-w-2xl">
      <h1 id="signout-heading">Sign out</h1>
      <p>
        You are signed in as <strong>{user.email}</strong>. Signing out here also signs you out of Burrow for sitters.
      </p>
      <form action={signOutEverywhere}>
        <button type="submit" className="button">
          Sign out
        </button>
      </form>
    </section>
  );
}
