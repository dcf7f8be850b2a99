import { AUTH_PAGES } from "@burrow/auth";
import { env } from "@/env";

const WEB_PAGES = new Set<string>(Object.values(AUTH_PAGES));

/** The sign-in pages live in web: Auth.js redirects that land here are forwarded with their query. */
export function GET(request: Request): Response {
  const { pathname, search } = new URL(request.url);
  if (!WEB_PAGES.has(pathname)) return Response.json({ error: "Not found" }, { status: 404 });
  return Response.redirect(new URL(`${pathname}${search}`, env("WEB_URL")), 307);
}
