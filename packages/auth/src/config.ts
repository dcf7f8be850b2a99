// The one Auth.js configuration both apps run. Free of Next.js imports, so integration tests
// drive it through @auth/core's `Auth()` exactly as the route handlers do.

import type { Adapter, AdapterUser } from "@auth/core/adapters";
import { AuthError } from "@auth/core/errors";
import GitHub from "@auth/core/providers/github";
import Google from "@auth/core/providers/google";
import Nodemailer from "@auth/core/providers/nodemailer";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { type Db, prisma, signInLinkRepository } from "@burrow/db";
import { log } from "@burrow/observability/log";
import type { NextAuthConfig, Session } from "next-auth";
import type { AuthEnv } from "./env";
import { linkGate } from "./link-gate";
import { pinLinkOrigin, sendMagicLink } from "./mail";
import {
  isSignInLinkLimit,
  linkLimitReached,
  SIGN_IN_LINK_LIFETIME_SECONDS,
  SIGN_IN_LINKS_PER_WINDOW,
} from "./rate-limit";
import { safeRedirect } from "./redirect";
import { toSessionUser } from "./session";

export type BurrowApp = "web" | "pets";

export const AUTH_BASE_PATH = "/api/auth";

/** The sign-in pages live in web; pets forwards these paths to web. */
export const AUTH_PAGES = {
  signIn: "/auth/signin",
  signOut: "/auth/signout",
  verifyRequest: "/auth/check-email",
  error: "/auth/error",
} as const;

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The URLs the configuration is built from: this app's own, web's, and both origins. */
export function appUrls(app: BurrowApp, env: Pick<AuthEnv, "WEB_URL" | "PETS_URL">) {
  const self = app === "web" ? env.WEB_URL : env.PETS_URL;
  const allowedOrigins = [env.WEB_URL.origin, env.PETS_URL.origin];
  return {
    self,
    home: new URL("/", self),
    allowedOrigins,
    /** web's sign-in page, coming back to `returnTo` (a path of this app, or an app URL). */
    signIn(returnTo = "/", error?: string) {
      const url = new URL(AUTH_PAGES.signIn, env.WEB_URL);
      url.searchParams.set("callbackUrl", safeRedirect(returnTo, self, allowedOrigins));
      if (error) url.searchParams.set("error", error);
      return url.href;
    },
  };
}

/**
 * The session cookie both apps read: one name (the `__Secure-` prefix exactly when the apps
 * run on https), and AUTH_COOKIE_DOMAIN as its Domain when the apps are on two subdomains.
 */
export function sessionCookie(env: Pick<AuthEnv, "WEB_URL" | "AUTH_COOKIE_DOMAIN">) {
  const secure = env.WEB_URL.protocol === "https:";
  return {
    secure,
    cookie: {
      name: `${secure ? "__Secure-" : ""}authjs.session-token`,
      options: {
        httpOnly: true,
        sameSite: "lax" as const,
        path: "/",
        secure,
        ...(env.AUTH_COOKIE_DOMAIN ? { domain: env.AUTH_COOKIE_DOMAIN } : {}),
      },
    },
  };
}

/** Auth.js' callback-url cookie (its default name and options), named here for the route handlers. */
export function callbackUrlCookie(env: Pick<AuthEnv, "WEB_URL">) {
  const secure = env.WEB_URL.protocol === "https:";
  return {
    name: `${secure ? "__Secure-" : ""}authjs.callback-url`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/**
 * The session both apps see: the user row Auth.js loaded with the session, mapped to Burrow's
 * fields. A new object, so the session token never reaches a response body.
 */
export function sessionCallback(adminEmails: readonly string[]) {
  return ({ session, user }: { session: { expires: Date | string }; user: AdapterUser }): Session => ({
    expires: new Date(session.expires).toISOString(),
    user: toSessionUser(user, adminEmails),
  });
}

/** Auth.js' session tokens are UUIDs (or hex); anything else in the cookie is forged. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The Prisma adapter, except that
 * - a session cookie that cannot be one of ours is answered "no session" without a query (a NUL
 *   byte, say, would make PostgreSQL raise an error);
 * - storing a magic link's token is the one place the per-address limit is enforced, whichever way
 *   the request came in (the sign-in form's action or Auth.js' endpoint): count and insert are one
 *   transaction under a per-address lock, and the link's e-mail waits at `gate` for the outcome.
 */
function burrowAdapter(db: Db, gate: ReturnType<typeof linkGate>): Adapter {
  const adapter = PrismaAdapter(db);
  const links = signInLinkRepository(db);
  const { getSessionAndUser } = adapter;
  return {
    ...adapter,
    getSessionAndUser: (sessionToken) =>
      SESSION_TOKEN.test(sessionToken) ? (getSessionAndUser?.(sessionToken) ?? null) : null,
    async createVerificationToken(link) {
      try {
        const issued = await links.issue(link, SIGN_IN_LINKS_PER_WINDOW);
        if (!issued.ok) throw linkLimitReached();
      } catch (error) {
        gate.settle(link.identifier, link.token, error);
        throw error;
      }
      gate.settle(link.identifier, link.token);
      return link;
    },
  };
}

/**
 * Auth.js' errors, logged as its own logger does (type, message, the cause's stack), except a link
 * the limit refused: an expected answer the user is shown, not a fault, however often it comes.
 */
export function logAuthError(error: Error) {
  if (isSignInLinkLimit(error)) return;
  const cause = error.cause instanceof Object && "err" in error.cause ? error.cause.err : undefined;
  const type = error instanceof AuthError ? error.type : error.name;
  // The message keeps Auth.js' own "[auth][error] Type:" prefix, which e2e/fuzz.spec.ts looks for.
  log.error(
    { component: "auth", err: cause instanceof Error ? cause : error },
    `[auth][error] ${type}: ${error.message}`,
  );
}

export interface AuthHooks {
  /**
   * Runs once when Auth.js creates a user (first sign-in). Web creates the Mongo profile here; a
   * failure is logged and does not stop the sign-in (pages also create profiles lazily).
   */
  onUserCreated?: (userId: string) => Promise<void>;
}

export function createAuthConfig({
  app,
  env,
  db = prisma,
  hooks = {},
}: {
  app: BurrowApp;
  env: AuthEnv;
  db?: Db;
  hooks?: AuthHooks;
}): NextAuthConfig {
  const urls = appUrls(app, env);
  const { secure, cookie } = sessionCookie(env);
  const gate = linkGate(env.AUTH_SECRET);

  return {
    adapter: burrowAdapter(db, gate),
    secret: env.AUTH_SECRET,
    basePath: AUTH_BASE_PATH,
    // Auth.js would otherwise refuse requests whose Host it cannot vouch for. Nothing depends on
    // the Host header: magic links and redirects are built from WEB_URL/PETS_URL, and the route
    // handlers (createAuth) hand Auth.js each request on the app's configured URL.
    trustHost: true,
    useSecureCookies: secure,
    cookies: { sessionToken: cookie, callbackUrl: callbackUrlCookie(env) },
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    logger: { error: logAuthError },
    // Paths, not URLs: Auth.js prefixes some with the handling app's origin. Web has the pages;
    // pets forwards /auth/* to web.
    pages: AUTH_PAGES,
    providers: [
      Nodemailer({
        server: env.EMAIL_SERVER,
        from: env.EMAIL_FROM,
        maxAge: SIGN_IN_LINK_LIFETIME_SECONDS,
        sendVerificationRequest: async ({ identifier, token, url, expires }) => {
          await gate.stored(identifier, token);
          await sendMagicLink(
            { to: identifier, url: pinLinkOrigin(url, env.WEB_URL), expires },
            env.EMAIL_SERVER,
            env.EMAIL_FROM,
          );
        },
      }),
      // OAuth only when configured. No allowDangerousEmailAccountLinking: an OAuth account whose
      // e-mail belongs to an existing user is refused (OAuthAccountNotLinked), never linked silently.
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
        : []),
      ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
        ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
        : []),
    ],
    callbacks: {
      redirect: ({ url }) => safeRedirect(url, urls.home, urls.allowedOrigins),
      session: sessionCallback(env.ADMIN_EMAILS),
    },
    events: {
      async createUser({ user }) {
        if (!hooks.onUserCreated || !user.id) return;
        await hooks.onUserCreated(user.id).catch((error: unknown) => {
          log.error({ component: "auth", userId: user.id, err: error }, "onUserCreated failed");
        });
      },
    },
  };
}

/** The OAuth providers this deployment offers, for the sign-in page's buttons. */
export function oauthProviders(env: AuthEnv): { id: "github" | "google"; name: string }[] {
  return [
    ...(env.AUTH_GITHUB_ID ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(env.AUTH_GOOGLE_ID ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}
