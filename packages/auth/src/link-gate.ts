import { createHash } from "node:crypto";

/** How long an e-mail waits for its token's row before it is dropped: a guard, not a delay. */
const STORE_TIMEOUT_MS = 30_000;

/**
 * Holds each magic-link e-mail until its token is stored. Auth.js starts sending the e-mail and
 * storing the token at the same time (@auth/core's send-token.ts: `Promise.all` of
 * `sendVerificationRequest` and `createVerificationToken`), so a token the limit refuses would
 * not stop its e-mail. `sendVerificationRequest` is called first and waits here; the adapter's
 * `createVerificationToken` reports the outcome for the same token, which it receives hashed as
 * Auth.js stores it: SHA-256 of token + secret, hex.
 */
export function linkGate(secret: string) {
  const waiting = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>();
  const key = (identifier: string, hashedToken: string) => `${identifier}\n${hashedToken}`;

  return {
    /** Resolves once the link's token is stored; rejects with the reason it was not. */
    stored(identifier: string, token: string): Promise<void> {
      const k = key(identifier, createHash("sha256").update(`${token}${secret}`).digest("hex"));
      let timer: NodeJS.Timeout | undefined;
      return new Promise<void>((resolve, reject) => {
        waiting.set(k, { resolve, reject });
        timer = setTimeout(
          () => reject(new Error(`The sign-in link for ${identifier} was not stored within ${STORE_TIMEOUT_MS} ms`)),
          STORE_TIMEOUT_MS,
        );
      }).finally(() => {
        clearTimeout(timer);
        waiting.delete(k);
      });
    },

    /** The adapter's report: stored (no error) or refused. A token nobody e-mails is ignored. */
    settle(identifier: string, hashedToken: string, error?: unknown) {
      const gate = waiting.get(key(identifier, hashedToken));
      if (error === undefined) gate?.resolve();
      else gate?.reject(error);
    },
  };
}
