import { AUTH_PAGES } from "@burrow/auth";
import { safeRedirect } from "@/auth";
import { env } from "@/env";

const WEB_PAGES = new Set<string>(Object.values(AUTH_PAGES));

/**
 * The sign-in pages live in web: Auth.js redirects that land here are forwarded with their query.
 * A callbackUrl here means a page of pets, so web gets it as an absolute pets URL (pets' home
 * when the redirect rule refuses it), never as a path web would resolve against itself.
 */
export function GET(request: Request): Response {
  const { pathname, searchParams } = new URL(request.url);
  if (!WEB_PAGES.has(pathname)) return Response.json({ error: "Not found" }, { status: 404 });
  if (searchParams.has("callbackUrl")) searchParams.set("callbackUrl", safeRedirect(searchParams.get("callbackUrl")));
  const target = new URL(pathname, env("WEB_URL"));
  target.search = searchParams.toString();
  return Response.redirect(target, 307);
}
