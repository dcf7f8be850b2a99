import { actions } from "@burrow/ui/classes";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, oauthProviders, safeRedirect } from "@/auth";
import { authErrorMessage } from "../_lib/messages";
import { AuthPageQuery, type SearchParams } from "../_lib/query";
import { SignInForm } from "./_components/sign-in-form";
import { signInWithProvider } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, error } = AuthPageQuery.parse(await searchParams);
  const target = safeRedirect(callbackUrl);
  if (await currentUser()) redirect(target);
  const problem = authErrorMessage(error);
  const providers = oauthProviders();

  return (
    <section aria-labelledby="signin-heading" className="max-w-2xl">
      <h1 id="signin-heading">Sign in to Burrow</h1>
      {problem && (
        <div role="alert" className="notice notice--error">
          <strong>{problem.title}.</strong> {problem.body}
        </div>
      )}
      <p className="text-muted">
        One sign-in for the marketplace and for Burrow for sitters. We e-mail you a link; no password.
      </p>
      <SignInForm callbackUrl={target} />
      {providers.length > 0 && (
        <div className={actions}>
          <p className="m-0 text-muted">or continue with</p>
          {providers.map((p) => (
            <form key={p.id} action={signInWithProvider}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="callbackUrl" value={target} />
              <button type="submit" className="button button--secondary">
                {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
    </section>
  );
}
