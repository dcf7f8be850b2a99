// The identity step of account deletion (web's saga runs it last): the user row stays, because
// bookings and reviews point at it and the sitter keeps their records, but everything personal goes.
import { type Db, prisma } from "../client";

/** An address that can never receive mail or collide with a real one (RFC 2606 `.invalid`). */
export const deletedEmail = (userId: string) => `deleted-${userId}@users.burrow.invalid`;

/** How long one user's deletion may hold its lock (pets' call, PostgreSQL and Mongo steps). */
const EXCLUSIVE_TIMEOUT_MS = 120_000;

export function accountDeletionRepository(db: Db = prisma) {
  return {
    /**
     * Runs `work` (one user's deletion saga) unless another process is running it for the same user:
     * a transaction-level advisory lock keyed by the user id, so app instances resuming deletions at
     * once split the users between them. Null when the lock was taken.
     */
    async exclusively<T>(userId: string, work: () => Promise<T>): Promise<T | null> {
      return db.$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
            SELECT pg_try_advisory_xact_lock(hashtextextended(${`burrow.account-deletion:${userId}`}, 0)) AS locked`;
          return lock?.locked ? work() : null;
        },
        { maxWait: 5_000, timeout: EXCLUSIVE_TIMEOUT_MS },
      );
    },

    /**
     * Ends every session (both apps read identity.sessions), removes OAuth links and sign-in tokens,
     * and blanks the personal fields. Safe to run again: a second run changes nothing.
     */
    async anonymize(userId: string, now = new Date()): Promise<{ found: boolean }> {
      return db.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, deletedAt: true } });
        if (!user) return { found: false };
        await tx.session.deleteMany({ where: { userId } });
        await tx.account.deleteMany({ where: { userId } });
        await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
        await tx.user.update({
          where: { id: userId },
          data: {
            email: deletedEmail(userId),
            name: null,
            image: null,
            screenname: null,
            emailVerified: null,
            role: "TENANT",
            deletedAt: user.deletedAt ?? now,
          },
        });
        return { found: true };
      });
    },
  };
}
