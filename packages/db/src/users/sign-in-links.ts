// Magic-link rows (identity.verification_tokens, Auth.js' adapter table) for the one place that
// issues them. Counting and inserting are one transaction under a lock per address, so parallel
// requests for one address cannot all see "under the limit" and all send an e-mail.
import { type Db, prisma } from "../client";

/** The key space of the per-address advisory locks (two-int keys never meet the one-bigint keys of the migration applier and outbox). */
const SIGN_IN_LINK_LOCK_SPACE = 72707371;

/**
 * An older link is superseded, not deleted: its token is rewritten with this prefix, which no
 * hash Auth.js looks up can carry, so it stops working, while the row, and with it the issue time
 * (`expires - lifetime`), stays and still counts against the limit until it expires. Deleting it
 * would let each new request free the slot of the one before and make the limit meaningless.
 */
const SUPERSEDED = "superseded:";

/**
 * A burst of requests for one address queues on its lock, each holding a pooled connection: Prisma's
 * defaults (2 s to get one, 5 s in all) would fail requests under load instead of answering them.
 */
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export interface SignInLinkToIssue {
  identifier: string;
  /** Auth.js' hash of the token. */
  token: string;
  expires: Date;
}

export type IssueSignInLinkResult = { ok: true } | { ok: false; reason: "rate-limited" };

export function signInLinkRepository(db: Db = prisma) {
  return {
    /**
     * Stores a new link unless `limit` links were issued to the address within the last link
     * lifetime: under a transaction-scoped advisory lock per address (it also holds through
     * PgBouncer's transaction pooling), drops the address' expired links, counts the rest (used
     * links are deleted by Auth.js and no longer count; superseded ones do), supersedes the unused
     * ones and inserts the new link.
     */
    issue(link: SignInLinkToIssue, limit: number, now = new Date()): Promise<IssueSignInLinkResult> {
      const { identifier } = link;
      return db.$transaction(async (tx): Promise<IssueSignInLinkResult> => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_IN_LINK_LOCK_SPACE}::int, hashtext(lower(${identifier})))`;
        await tx.verificationToken.deleteMany({ where: { identifier, expires: { lt: now } } });
        // Every link lives one lifetime, so the unexpired ones are those issued within the last one.
        const issued = await tx.verificationToken.count({ where: { identifier, expires: { gte: now } } });
        if (issued >= limit) return { ok: false, reason: "rate-limited" };
        await tx.$executeRaw`
          UPDATE identity.verification_tokens SET token = ${SUPERSEDED} || token
           WHERE identifier = ${identifier} AND NOT starts_with(token, ${SUPERSEDED})`;
        await tx.verificationToken.create({ data: link });
        return { ok: true };
      }, TX_OPTIONS);
    },
  };
}
