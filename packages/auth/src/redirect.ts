/**
 * Where to send a browser after sign-in or sign-out. Relative paths resolve against `home`
 * (the app handling the request); absolute URLs must be on one of `allowedOrigins` (web and
 * pets). Anything else — other hosts, protocol-relative `//evil`, backslash tricks, `javascript:`
 * — goes to `home`. Resolution uses the WHATWG URL parser, the one browsers follow.
 */
export function safeRedirect(url: string | null | undefined, home: URL, allowedOrigins: readonly string[]): string {
  if (!url) return home.href;
  let target: URL;
  try {
    target = new URL(url, home);
  } catch {
    return home.href;
  }
  return allowedOrigins.includes(target.origin) ? target.href : home.href;
}
