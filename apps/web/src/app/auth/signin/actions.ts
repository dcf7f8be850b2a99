"use server";

import { AuthError, isSignInLinkLimit, RATE_LIMITED_MESSAGE } from "@burrow/auth";
import { CallbackUrl, SignInInput } from "@burrow/auth/schemas";
import { isFormCall, isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { z } from "zod";
import { oauthProviders, safeRedirect, signIn } from "@/auth";

export interface SignInState {
  email?: string;
  error?: string;
  fieldErrors?: { email?: string[] };
}

const SEND_FAILED = "We could not send the sign-in e-mail right now. Try again in a minute.";

/** E-mails a magic link; on success Auth.js redirects to the check-your-email page. */
export async function requestSignInLink(state: SignInState, form: FormData): Promise<SignInState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const typed = String(form.get("email") ?? "");
  const parsed = SignInInput.safeParse({ email: typed, callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) return { email: typed, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const { email, callbackUrl } = parsed.data;
  try {
    // The limit on links per address is enforced where Auth.js stores the link (see @burrow/auth).
    await signIn("nodemailer", { email, redirectTo: safeRedirect(callbackUrl) });
  } catch (error) {
    // signIn ends by throwing Next's redirect, which must propagate; Auth.js' own errors are values.
    if (isSignInLinkLimit(error)) return { email: typed, fieldErrors: { email: [RATE_LIMITED_MESSAGE] } };
    if (error instanceof AuthError) return { email: typed, error: SEND_FAILED };
    throw error;
  }
  return {};
}

const OAuthInput = z.object({ provider: z.enum(["github", "google"]), callbackUrl: CallbackUrl });

/** Starts an OAuth sign-in with a configured provider. */
export async function signInWithProvider(form: FormData): Promise<void> {
  if (!isFormCall(form)) return;
  const parsed = OAuthInput.safeParse({
    provider: form.get("provider"),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return;
  const { provider, callbackUrl } = parsed.data;
  if (!oauthProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: safeRedirect(callbackUrl) });
}
