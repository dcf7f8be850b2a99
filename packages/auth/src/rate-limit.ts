import { AsyncLocalStorage } from "node:async_hooks";
import { AuthError } from "@auth/core/errors";

/** A sign-in link works once and for this long. */
export const SIGN_IN_LINK_LIFETIME_SECONDS = 15 * 60;

/** At most this many links per address within one link lifetime. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;

export const RATE_LIMITED_MESSAGE =
  "Too many sign-in links were requested for this address. Use a link already sent, or try again in 15 minutes.";

/** The address has had its links for now: no token was stored and no e-mail goes out. */
export class SignInLinkLimitError extends AuthError {}

/**
 * Whether next-auth's signIn() (the sign-in form's action) failed for the limit: Auth.js throws
 * AuthErrors to it, the adapter's wrapped in an AdapterError (cause.err), the e-mail's as is.
 */
export function isSignInLinkLimit(error: unknown): boolean {
  if (error instanceof SignInLinkLimitError) return true;
  const cause = error instanceof AuthError ? error.cause : undefined;
  return cause instanceof Object && "err" in cause && cause.err instanceof SignInLinkLimitError;
}

// Auth.js answers its own endpoint's errors with a generic error page; the route handlers watch for
// this refusal so they can answer with the sign-in page's "too many links" message instead.
const watched = new AsyncLocalStorage<{ refused: boolean }>();

/** Runs `work` (an Auth.js request) and says whether it refused a link for the limit. */
export async function watchLinkLimit<T>(work: () => Promise<T>): Promise<{ result: T; refused: boolean }> {
  const state = { refused: false };
  const result = await watched.run(state, work);
  return { result, refused: state.refused };
}

/** The error to throw when the limit refuses a link, noted for `watchLinkLimit`. */
export function linkLimitReached(): SignInLinkLimitError {
  const state = watched.getStore();
  if (state) state.refused = true;
  return new SignInLinkLimitError(RATE_LIMITED_MESSAGE);
}
