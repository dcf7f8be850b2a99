import type { Role } from "@burrow/db";

/** What every page, action and route sees of the signed-in user. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  screenname: string | null;
  role: Role;
  /** role ADMIN, or the e-mail is listed in ADMIN_EMAILS. */
  isAdmin: boolean;
}

interface StoredUser {
  id: string;
  email: string;
  name?: string | null;
  screenname?: string | null;
  role?: Role;
}

/** The one admin rule, for sessions and for pets' internal routes: role ADMIN or an ADMIN_EMAILS address. */
export function isAdmin(user: { role?: Role; email: string }, adminEmails: readonly string[]): boolean {
  return user.role === "ADMIN" || adminEmails.includes(user.email.trim().toLowerCase());
}

/** Maps the user row Auth.js loaded with the session to the session's user. */
export function toSessionUser(user: StoredUser, adminEmails: readonly string[]): SessionUser {
  const role = user.role ?? "TENANT";
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    screenname: user.screenname ?? null,
    role,
    isAdmin: isAdmin(user, adminEmails),
  };
}

/** Admins pass every role check; everyone else needs one of `roles`. */
export function hasRole(user: SessionUser, roles: readonly Role[]): boolean {
  return user.isAdmin || roles.includes(user.role);
}

// The session and the adapter's user carry Burrow's fields everywhere, without casts.
declare module "@auth/core/types" {
  interface Session {
    user: SessionUser;
  }
}

declare module "@auth/core/adapters" {
  interface AdapterUser {
    role: Role;
    screenname: string | null;
  }
}
