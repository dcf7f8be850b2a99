/** Longer redirect targets are refused, as the sign-in form and pages refuse longer callbackUrls. */
export const MAX_REDIRECT_LENGTH = 2048;

/**
 * Where a browser may be sent after sign-in or sign-out, as an absolute URL, or undefined when
 * nowhere. Relative paths resolve against `home` (the app handling the request); absolute URLs
 * must be on one of `allowedOrigins` (web and pets). Anything else — other hosts,
 * protocol-relative `//evil`, backslash tricks, `javascript:`, non-strings, over-long values — is
 * refused. Resolution uses the WHATWG URL parser, the one browsers follow.
 */
export function allowedRedirect(url: unknown, home: URL, allowedOrigins: readonly string[]): string | undefined {
  if (typeof url !== "string" || !url || url.length > MAX_REDIRECT_LENGTH) return undefined;
  let target: URL;
  try {
    target = new URL(url, home);
  } catch {
    return undefined;
  }
  return allowedOrigins.includes(target.origin) ? target.href : undefined;
}

/** `url` when the redirect rule (allowedRedirect) accepts it, else `home`. */
export function safeRedirect(url: string | null | undefined, home: URL, allowedOrigins: readonly string[]): string {
  return allowedRedirect(url, home, allowedOrigins) ?? home.href;
}
