import { Id, withoutNul } from "@burrow/booking";
import { z } from "zod";
import { type Db, prisma, replicaRead } from "../client";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";

export interface AccountUser {
  id: string;
  email: string;
  name: string | null;
  screenname: string | null;
  role: Role;
}

/** What anyone may see of a user: never the e-mail address. */
export interface PublicUser {
  id: string;
  name: string | null;
  screenname: string | null;
  role: Role;
  createdAt: Date;
}

export interface AdminUserRow extends AccountUser {
  createdAt: Date;
  /** Set when the account was deleted (anonymised). */
  deletedAt: Date | null;
  listingCount: number;
}

export interface UserSearchPage {
  items: AdminUserRow[];
  total: number;
  page: number;
  pageCount: number;
}

export type SetScreennameResult = { ok: true } | { ok: false; reason: "taken" | "not-found" };
export type BecomeSitterResult = { ok: true; role: Role } | { ok: false; reason: "not-found" };
export type SetRoleResult = { ok: true; user: AccountUser } | { ok: false; reason: "self" | "not-found" };

const accountUser = { id: true, email: true, name: true, screenname: true, role: true } as const;
const publicUser = { id: true, name: true, screenname: true, role: true, createdAt: true } as const;

/** Prisma passes `contains` to LIKE unescaped (prisma/prisma#19506): a search for "a_b" means those characters. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A screenname from a profile URL; one with a NUL (no stored text can hold one) finds nobody. */
const ScreennameLookup = z.string().check(withoutNul);
/** The admin's search box. */
const UserSearchText = z.string().trim().check(withoutNul);

const isKnownError = (error: unknown, code: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;

/** Identity writes made by the account pages and reads made by sign-in (web owns `identity`). */
export function userRepository(db: Db = prisma) {
  return {
    /** Null for an id that cannot be one (the admin's user page takes it from the URL). */
    async findById(id: string): Promise<AccountUser | null> {
      if (!Id.safeParse(id).success) return null;
      return db.user.findUnique({ where: { id }, select: accountUser });
    },

    /**
     * The user behind a public profile URL; screennames are stored lowercase. On a replica that has
     * replayed `minLsn` (the reader's last write) when the app has one (replicaRead).
     */
    async findByScreenname(screenname: string, minLsn: string | null = null): Promise<PublicUser | null> {
      const parsed = ScreennameLookup.safeParse(screenname);
      if (!parsed.success) return null;
      const where = { screenname: parsed.data.toLowerCase() };
      return replicaRead(db, minLsn, (reader) => reader.user.findUnique({ where, select: publicUser }));
    },

    /** Public fields of several users at once (article bylines), keyed by id. */
    async findPublicByIds(ids: readonly string[]): Promise<Map<string, PublicUser>> {
      if (ids.length === 0) return new Map();
      const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: publicUser });
      return new Map(users.map((user) => [user.id, user]));
    },

    /**
     * Admin's user list: a case-insensitive substring of e-mail, screenname or name (all users when
     * `query` is blank), newest first, one page of `perPage`. A NUL matches nobody: no stored text
     * can hold one.
     */
    async search(query: string, { page = 1, perPage = 20 }: { page?: number; perPage?: number } = {}) {
      const parsed = UserSearchText.safeParse(query);
      if (!parsed.success) return { items: [], total: 0, page, pageCount: 1 } satisfies UserSearchPage;
      const text = parsed.data;
      const contains = { contains: likeLiteral(text), mode: "insensitive" as const };
      const where = text ? { OR: [{ email: contains }, { screenname: contains }, { name: contains }] } : {};
      const [total, rows] = await Promise.all([
        db.user.count({ where }),
        db.user.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: (page - 1) * perPage,
          take: perPage,
          select: { ...accountUser, createdAt: true, deletedAt: true, _count: { select: { listings: true } } },
        }),
      ]);
      const items = rows.map(({ _count, ...user }) => ({ ...user, listingCount: _count.listings }));
      return { items, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) } satisfies UserSearchPage;
    },

    /**
     * An admin changes someone's role; never their own, so the last admin cannot lock everyone out.
     * A deleted account counts as not found.
     */
    async setRole(actorId: string, userId: string, role: Role): Promise<SetRoleResult> {
      if (actorId === userId) return { ok: false, reason: "self" };
      try {
        const user = await db.user.update({
          where: { id: userId, deletedAt: null },
          data: { role },
          select: accountUser,
        });
        return { ok: true, user };
      } catch (error) {
        if (isKnownError(error, "P2025")) return { ok: false, reason: "not-found" };
        throw error;
      }
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
  };
}
