import type { Metadata } from "next";
import Link from "next/link";
import { authErrorMessage, GENERIC_AUTH_ERROR } from "../_lib/messages";
import { AuthPageQuery, type SearchParams } from "../_lib/query";

export const metadata: Metadata = { title: "Sign-in problem" };

export default async function AuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = AuthPageQuery.parse(await searchParams);
  const message = authErrorMessage(error) ?? GENERIC_AUTH_ERROR;
  return (
    <section aria-labelledby="error-heading" className="max-w-2xl">
      <h1 id="error-heading">{message.title}</h1>
      <p role="alert">{message.body}</p>
      <p>
        <Link className="button" href="/auth/signin">
          Get a new sign-in link
        </Link>
      </p>
    </section>
  );
}
