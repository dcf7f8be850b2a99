// What each app's proxy.ts runs. The matcher (which Next reads literally from proxy.ts) sends it
// the signed-in areas, every path with a percent sign and every server action call; everything
// else, static files included, never enters the proxy.
import { crossSiteActionCall, malformedActionCall } from "./action";
import { inArea, isDecodablePath, undecodablePath } from "./path";

type Proxy<R extends Request, E, T> = (request: R, event: E) => T | Promise<T>;

/**
 * Refuses a path that does not decode (400), a server action call from another site (403) or whose
 * arguments are not a list (400), then runs `authProxy` only inside `signedInAreas`: never on /api/internal/* or
 * /api/health/*, which answer to service tokens and probes.
 */
export function burrowProxy<R extends Request, E, T>(signedInAreas: readonly string[], authProxy: Proxy<R, E, T>) {
  return async (request: R, event: E): Promise<T | Response | undefined> => {
    const { pathname } = new URL(request.url);
    if (!isDecodablePath(pathname)) return undecodablePath();
    if (request.method === "POST" && request.headers.has("next-action")) {
      const refused = crossSiteActionCall(request) ?? (await malformedActionCall(request.clone() as R));
      if (refused) return refused;
    }
    return inArea(decodeURIComponent(pathname), signedInAreas) ? authProxy(request, event) : undefined;
  };
}
