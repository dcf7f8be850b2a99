import { userRepository } from "@burrow/db";

/** A sign-in link works once and for this long. */
export const SIGN_IN_LINK_LIFETIME_SECONDS = 15 * 60;

/** At most this many unused links per address within one link lifetime. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;

export const RATE_LIMITED_MESSAGE =
  "Too many sign-in links were requested for this address. Use a link already sent, or try again in 15 minutes.";

type Repository = Pick<ReturnType<typeof userRepository>, "countSignInLinksIssuedSince">;

/**
 * Whether another link may be e-mailed to `email`. Counted in PostgreSQL (verification_tokens),
 * so the limit holds across every instance of both apps.
 */
export async function mayRequestSignInLink(
  email: string,
  repository: Repository = userRepository(),
  now = new Date(),
): Promise<boolean> {
  const lifetimeMs = SIGN_IN_LINK_LIFETIME_SECONDS * 1000;
  const issued = await repository.countSignInLinksIssuedSince(email, new Date(now.getTime() - lifetimeMs), lifetimeMs);
  return issued < SIGN_IN_LINKS_PER_WINDOW;
}
