// Auth.js answers 500 ("server configuration") to any request whose callbackUrl query value or
// callback-url cookie it cannot parse as an http(s) URL, and a planted cookie would keep failing
// every sign-in. So the route handlers hand Auth.js only values Burrow's redirect rule accepts,
// as absolute URLs (Auth.js also refuses relative ones that do not start with "/").
import { allowedRedirect } from "./redirect";

export interface RedirectRule {
  home: URL;
  allowedOrigins: readonly string[];
}

/** Auth.js reads the last of several values: all give way to one allowed URL, or home. */
function sanitizeParams(params: URLSearchParams, { home, allowedOrigins }: RedirectRule): boolean {
  const values = params.getAll("callbackUrl");
  if (values.length === 0) return false;
  const value = allowedRedirect(values.at(-1), home, allowedOrigins) ?? home.href;
  if (values.length === 1 && values[0] === value) return false;
  params.set("callbackUrl", value);
  return true;
}

const decodeCookie = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * The Cookie header with the callback-url cookie `name` made safe. Auth.js reads its first
 * occurrence: an allowed value stays (made absolute), anything else is dropped (`dropped`, so
 * the response can clear it in the browser); later occurrences are never read and go too.
 */
export function sanitizeCookieHeader(
  header: string,
  name: string,
  rule: RedirectRule,
): { header: string; changed: boolean; dropped: boolean } {
  let seen = false;
  let changed = false;
  let dropped = false;
  const pairs = header.split(";").flatMap((pair) => {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== name) return [pair.trim()];
    changed = true;
    if (seen) return [];
    seen = true;
    const raw = pair.slice(eq + 1).trim();
    const value = allowedRedirect(decodeCookie(raw.replace(/^"(.*)"$/s, "$1")), rule.home, rule.allowedOrigins);
    if (value === undefined) {
      dropped = true;
      return [];
    }
    if (encodeURIComponent(value) === raw) changed = false;
    return [`${name}=${encodeURIComponent(value)}`];
  });
  return { header: pairs.filter(Boolean).join("; "), changed, dropped };
}

/**
 * `request` with its callbackUrl (query and form body) and callback-url cookie replaced by values
 * the redirect rule accepts: a disallowed callbackUrl becomes `home`, a disallowed cookie is
 * removed, and `clearCookie` says the response should clear it. Unchanged requests come back as is.
 */
export async function sanitizeAuthRequest(
  request: Request,
  cookieName: string,
  rule: RedirectRule,
): Promise<{ request: Request; clearCookie: boolean }> {
  const url = new URL(request.url);
  let changed = sanitizeParams(url.searchParams, rule);

  const headers = new Headers(request.headers);
  const cookie = sanitizeCookieHeader(headers.get("cookie") ?? "", cookieName, rule);
  if (cookie.changed) {
    changed = true;
    if (cookie.header) headers.set("cookie", cookie.header);
    else headers.delete("cookie");
  }

  let body: string | undefined;
  if (request.method === "POST" && headers.get("content-type")?.includes("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(await request.clone().text());
    if (sanitizeParams(form, rule)) {
      changed = true;
      body = form.toString();
      headers.delete("content-length");
    }
  }

  if (!changed) return { request, clearCookie: false };
  body ??= request.body ? await request.text() : undefined;
  return { request: new Request(url, { method: request.method, headers, body }), clearCookie: cookie.dropped };
}
