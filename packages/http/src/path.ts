// Paths whose percent-escapes are not UTF-8 (`%ff`, `%`, `%C0%AE`): Next 16 decodes dynamic
// segments with decodeURIComponent, fails to render its own 400 page when that throws, and answers
// 500. Each app's proxy answers them first (Next's upstream fix, vercel/next.js#94283, is unmerged).

/** Whether every percent-escape in `pathname` decodes, as Next will decode it. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The plain 400 for a path that does not decode. */
export const undecodablePath = (): Response =>
  new Response("Bad Request: the path has a malformed percent-escape (escapes must spell UTF-8).\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/** Whether `pathname` (decoded) is one of `areas` or below it, as a matcher `/area/:path*` matches. */
export const inArea = (pathname: string, areas: readonly string[]): boolean =>
  areas.some((area) => pathname === area || pathname.startsWith(`${area}/`));
