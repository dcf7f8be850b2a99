// Cookie-authenticated route handlers that change state accept only what the app's own pages send:
// an Origin equal to the app's and a JSON body. A foreign page can post a form or text/plain without
// a preflight, and SameSite=Lax is the only thing stopping it today. The rule is Next's for server
// actions, except that a missing Origin is refused too (every browser sends it on these methods).

/** The JSON answer to a request the guard refuses: 403 for the origin, 415 for the content type. */
export function refuseCrossSite(request: Request, ownOrigin: string): Response | undefined {
  const origin = request.headers.get("origin");
  if (origin !== ownOrigin) {
    return Response.json(
      {
        error: origin
          ? "Cross-origin request refused: this endpoint accepts requests from its own site only."
          : "The Origin header is missing: this endpoint accepts requests from its own site only.",
      },
      { status: 403 },
    );
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return Response.json({ error: "Send the body as JSON (Content-Type: application/json)." }, { status: 415 });
  }
  return undefined;
}

/**
 * `handler` behind refuseCrossSite. `ownUrl` is read per request: the apps' URLs come from the
 * environment, which `next build` does not have.
 */
export function sameOriginJson<A extends unknown[]>(
  ownUrl: () => string,
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
) {
  return async (request: Request, ...rest: A): Promise<Response> =>
    refuseCrossSite(request, new URL(ownUrl()).origin) ?? handler(request, ...rest);
}
