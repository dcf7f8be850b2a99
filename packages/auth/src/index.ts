import "server-only";
import { Auth, raw, skipCSRFCheck } from "@auth/core";
import type { Role } from "@burrow/db";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { type NextFetchEvent, NextRequest, NextResponse } from "next/server";
import NextAuth, { type NextAuthConfig, type NextAuthRequest } from "next-auth";
import { sanitizeAuthRequest, sanitizeCookieHeader } from "./callback-url";
import {
  AUTH_BASE_PATH,
  type AuthHooks,
  appUrls,
  type BurrowApp,
  callbackUrlCookie,
  createAuthConfig,
  oauthProviders,
  sessionCookie,
} from "./config";
import { type AuthEnv, parseAuthEnv } from "./env";
import { isSignInLinkLimit, RATE_LIMITED_MESSAGE, SIGN_IN_LINK_LIFETIME_SECONDS, watchLinkLimit } from "./rate-limit";
import { safeRedirect } from "./redirect";
import { hasRole, type SessionUser } from "./session";

export { AuthError } from "next-auth";
export { AUTH_PAGES, type AuthHooks, type BurrowApp } from "./config";
export { type AuthEnv, parseAuthEnv } from "./env";
export { isAdmin, type SessionUser } from "./session";
export { isSignInLinkLimit, RATE_LIMITED_MESSAGE, SIGN_IN_LINK_LIFETIME_SECONDS };

interface GuardOptions {
  /** Where to come back to after signing in: a path of this app (default "/"). */
  returnTo?: string;
}

type RouteHandler<C> = (request: NextRequest, context: C & { user: SessionUser }) => Response | Promise<Response>;

/**
 * Everything an app needs from Burrow's one Auth.js configuration. `app` says which app is
 * asking: its URL is where relative redirects resolve and where the sign-in page sends users back.
 * Nothing reads the environment until the first request, so `next build` needs none of it.
 */
export function createAuth(app: BurrowApp, hooks: AuthHooks = {}) {
  // Parsed on first use and kept: the environment does not change while the process runs.
  let parsedEnv: AuthEnv | undefined;
  let config: NextAuthConfig | undefined;
  const env = () => {
    parsedEnv ??= parseAuthEnv();
    return parsedEnv;
  };
  const urls = () => appUrls(app, env());
  const authConfig = () => {
    config ??= createAuthConfig({ app, env: env(), hooks });
    return config;
  };
  const nextAuth = NextAuth(authConfig);

  /**
   * Server actions: next-auth's signIn() for the e-mail and OAuth providers, except that Auth.js
   * sees this request's cookies sanitized (callback-url.ts). next-auth hands Auth.js the request's
   * headers as they came, so a planted callback-url cookie made it refuse every sign-in; a dropped
   * cookie is cleared in the browser. Ends, like next-auth's, by redirecting where Auth.js says.
   */
  async function signIn(provider: string, { redirectTo, ...fields }: { redirectTo: string; email?: string }) {
    const { name } = callbackUrlCookie(env());
    const requestHeaders = new Headers(await headers());
    const cookie = sanitizeCookieHeader(requestHeaders.get("cookie") ?? "", name, urls());
    requestHeaders.set("cookie", cookie.header);
    requestHeaders.set("content-type", "application/x-www-form-urlencoded");
    const url = new URL(`${AUTH_BASE_PATH}/signin/${provider}`, urls().self);
    const body = new URLSearchParams({ ...fields, callbackUrl: redirectTo });
    const response = await Auth(new Request(url, { method: "POST", headers: requestHeaders, body }), {
      ...authConfig(),
      raw,
      skipCSRFCheck,
    });
    const jar = await cookies();
    if (cookie.dropped) jar.delete(name);
    for (const c of response.cookies ?? []) jar.set(c.name, c.value, c.options);
    redirect(response.redirect ?? url.href);
  }

  async function currentUser(): Promise<SessionUser | null> {
    // Most page views are anonymous: without a session cookie there is nothing to look up, and
    // Auth.js would still run its whole session action (minting a CSRF token) on every render.
    if (!(await cookies()).has(sessionCookie(env()).cookie.name)) return null;
    const session = await nextAuth.auth();
    return session?.user ?? null;
  }

  /** Pages and server actions: the signed-in user, or a redirect to web's sign-in page. */
  async function requireUser(options: GuardOptions = {}): Promise<SessionUser> {
    const user = await currentUser();
    if (!user) redirect(urls().signIn(options.returnTo));
    return user;
  }

  /** Pages and server actions: a user with one of `roles` (admins always pass), else 403. */
  async function requireRole(roles: Role | readonly Role[], options: GuardOptions = {}): Promise<SessionUser> {
    const user = await requireUser(options);
    if (!hasRole(user, typeof roles === "string" ? [roles] : roles)) forbidden();
    return user;
  }

  /** Pages and server actions: role ADMIN or an ADMIN_EMAILS address, else 403. */
  async function requireAdmin(options: GuardOptions = {}): Promise<SessionUser> {
    const user = await requireUser(options);
    if (!user.isAdmin) forbidden();
    return user;
  }

  /** Route handlers answer JSON: 401 without a session, 403 when `allowed` says no. */
  function guardRoute<C>(allowed: (user: SessionUser) => boolean, handler: RouteHandler<C>) {
    return async (request: NextRequest, context: C): Promise<Response> => {
      const user = await currentUser();
      if (!user) return Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });
      if (!allowed(user)) return Response.json({ error: "You do not have access to this endpoint." }, { status: 403 });
      return handler(request, { ...context, user });
    };
  }

  type Handler = (request: NextRequest) => Promise<Response>;

  /** Auth.js sees the request on this app's configured URL, whatever Host the request came with. */
  const onConfiguredOrigin =
    (handler: Handler): Handler =>
    (request) =>
      handler(new NextRequest(new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, urls().self), request));

  /**
   * Signing in happens on web only (pets' database role may not write users, accounts or
   * links): pets answers its sign-in and callback endpoints with web's sign-in page.
   */
  const signInOnWeb =
    (handler: Handler): Handler =>
    async (request) => {
      const { pathname, searchParams } = request.nextUrl;
      const signingIn = ["signin", "callback"].some((action) => {
        const path = `${AUTH_BASE_PATH}/${action}`;
        return pathname === path || pathname.startsWith(`${path}/`);
      });
      if (!signingIn) return handler(request);
      return NextResponse.redirect(urls().signIn(searchParams.get("callbackUrl") ?? "/"), 303);
    };

  /**
   * Auth.js sees only callbackUrls and callback-url cookies the redirect rule accepts (see
   * callback-url.ts); a cookie that was dropped is cleared in the browser too, unless Auth.js
   * already sets a new one.
   */
  const sanitized =
    (handler: Handler): Handler =>
    async (request) => {
      const { name, options } = callbackUrlCookie(env());
      const clean = await sanitizeAuthRequest(request, name, urls());
      const response = await handler(clean.request === request ? request : new NextRequest(clean.request));
      if (!clean.clearCookie || response.headers.getSetCookie().some((c) => c.startsWith(`${name}=`))) return response;
      const cleared = new NextResponse(response.body, response);
      cleared.cookies.set(name, "", { ...options, maxAge: 0 });
      return cleared;
    };

  /** A link the limit refused (rate-limit.ts) answers with the sign-in page's "too many links". */
  const limitedToSignInPage =
    (handler: Handler): Handler =>
    async (request) => {
      const { result, refused } = await watchLinkLimit(() => handler(request));
      return refused ? NextResponse.redirect(urls().signIn("/", "RateLimited"), 302) : result;
    };

  const routeHandler = (handler: Handler) =>
    sanitized(
      app === "web" ? onConfiguredOrigin(limitedToSignInPage(handler)) : signInOnWeb(onConfiguredOrigin(handler)),
    );

  /**
   * proxy.ts: anonymous visitors of the matched paths go to web's sign-in page (API paths get
   * 401 JSON). An optimistic check in front of the pages, which still check for themselves; it
   * also passes on the refreshed session cookie, so an active user's cookie keeps up with the
   * session's sliding expiry in the database.
   */
  async function proxy(request: NextRequest, event: NextFetchEvent) {
    // With a lazily built configuration next-auth returns the middleware as a promise.
    const middleware = await nextAuth.auth((authed: NextAuthRequest, _event: NextFetchEvent) => {
      if (authed.auth?.user) return NextResponse.next();
      const { pathname, search } = authed.nextUrl;
      if (pathname.startsWith("/api/")) {
        return NextResponse.json({ error: "Sign in to use this endpoint." }, { status: 401 });
      }
      return NextResponse.redirect(urls().signIn(`${pathname}${search}`));
    });
    return middleware(request, event);
  }

  return {
    auth: nextAuth.auth,
    signIn,
    signOut: nextAuth.signOut,
    handlers: { GET: routeHandler(nextAuth.handlers.GET), POST: routeHandler(nextAuth.handlers.POST) },
    proxy,
    currentUser,
    requireUser,
    requireRole,
    requireAdmin,
    withUser: <C>(handler: RouteHandler<C>) => guardRoute(() => true, handler),
    withRole: <C>(roles: Role | readonly Role[], handler: RouteHandler<C>) =>
      guardRoute((user) => hasRole(user, typeof roles === "string" ? [roles] : roles), handler),
    withAdmin: <C>(handler: RouteHandler<C>) => guardRoute((user) => user.isAdmin, handler),
    /** web's sign-in page, coming back to `returnTo` in this app. */
    signInUrl: (returnTo?: string) => urls().signIn(returnTo),
    /** `url` if it is on one of the two apps, else this app's home page. */
    safeRedirect: (url: string | null | undefined) => {
      const { home, allowedOrigins } = urls();
      return safeRedirect(url, home, allowedOrigins);
    },
    /** This app's own URL for `path` (e.g. sign-out's redirect target). */
    appUrl: (path = "/") => new URL(path, urls().self).href,
    oauthProviders: () => oauthProviders(env()),
  };
}
