import { RATE_LIMITED_MESSAGE } from "@burrow/auth";

export interface AuthMessage {
  title: string;
  body: string;
}

// What Auth.js' error codes mean to the person who hit them.
const MESSAGES: Record<string, AuthMessage> = {
  Verification: {
    title: "This sign-in link no longer works",
    body: "Sign-in links work once and expire after 15 minutes. This one was already used, has expired, or is not a valid link. Request a new one below.",
  },
  RateLimited: { title: "Too many sign-in links", body: RATE_LIMITED_MESSAGE },
  AccessDenied: { title: "Sign-in was refused", body: "This account may not sign in to Burrow." },
  OAuthAccountNotLinked: {
    title: "This e-mail address already has an account",
    body: "Sign in the way you did before (for example with an e-mail link). Burrow does not link a new sign-in method to an existing account on its own.",
  },
  EmailSignInError: {
    title: "We could not send the e-mail",
    body: "The sign-in e-mail could not be sent. Try again in a minute.",
  },
  Configuration: {
    title: "Sign-in is unavailable",
    body: "Signing in is not possible right now because of a problem on our side. Try again later.",
  },
};

export const GENERIC_AUTH_ERROR: AuthMessage = {
  title: "Sign-in failed",
  body: "Something went wrong while signing in. Try again.",
};

export function authErrorMessage(code: string | undefined): AuthMessage | undefined {
  if (!code) return undefined;
  return (Object.hasOwn(MESSAGES, code) && MESSAGES[code]) || GENERIC_AUTH_ERROR;
}
