import { type Db, prisma } from "../client";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";

export interface AccountUser {
  id: string;
  email: string;
  name: string | null;
  screenname: string | null;
  role: Role;
}

export type SetScreennameResult = { ok: true } | { ok: false; reason: "taken" | "not-found" };
export type BecomeSitterResult = { ok: true; role: Role } | { ok: false; reason: "not-found" };

const accountUser = { id: true, email: true, name: true, screenname: true, role: true } as const;

const isKnownError = (error: unknown, code: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;

/** Identity writes made by the account pages and reads made by sign-in (web owns `identity`). */
export function userRepository(db: Db = prisma) {
  return {
    findById(id: string): Promise<AccountUser | null> {
      return db.user.findUnique({ where: { id }, select: accountUser });
    },

    /** The unique index decides: a name another user holds answers `taken`, never throws. */
    async setScreenname(userId: string, screenname: string): Promise<SetScreennameResult> {
      try {
        await db.user.update({ where: { id: userId }, data: { screenname } });
        return { ok: true };
      } catch (error) {
        if (isKnownError(error, "P2002")) return { ok: false, reason: "taken" };
        if (isKnownError(error, "P2025")) return { ok: false, reason: "not-found" };
        throw error;
      }
    },

    /** TENANT → SITTER; sitters and admins keep their role. Returns the role the user now has. */
    async becomeSitter(userId: string): Promise<BecomeSitterResult> {
      await db.user.updateMany({ where: { id: userId, role: "TENANT" }, data: { role: "SITTER" } });
      const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
      return user ? { ok: true, role: user.role } : { ok: false, reason: "not-found" };
    },

    /**
     * Sign-in links issued to `email` at or after `since` and not yet used. verification_tokens
     * has no creation time, but every link lives exactly `linkLifetimeMs`, so a link was issued at
     * `expires - linkLifetimeMs`. Used links are deleted by Auth.js and no longer count.
     */
    /** Drops `email`'s expired links: Auth.js deletes links only when they are used. */
    async deleteExpiredSignInLinks(email: string, now = new Date()): Promise<number> {
      const { count } = await db.verificationToken.deleteMany({ where: { identifier: email, expires: { lt: now } } });
      return count;
    },

    countSignInLinksIssuedSince(email: string, since: Date, linkLifetimeMs: number): Promise<number> {
      return db.verificationToken.count({
        where: { identifier: email, expires: { gte: new Date(since.getTime() + linkLifetimeMs) } },
      });
    },
  };
}
