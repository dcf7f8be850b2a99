// The identity step of account deletion (web's saga runs it last): the user row stays, because
// bookings and reviews point at it and the sitter keeps their records, but everything personal goes.
import { type Db, prisma } from "../client";

/** An address that can never receive mail or collide with a real one (RFC 2606 `.invalid`). */
export const deletedEmail = (userId: string) => `deleted-${userId}@users.burrow.invalid`;

export function accountDeletionRepository(db: Db = prisma) {
  return {
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
