import { type Service, type ServiceTokenClaims, type ServiceTokenFailure, verifyServiceToken } from "./tokens";

export const SERVICE_TOKEN_HEADER = "x-service-token";

type ServiceRouteHandler<C> = (
  request: Request,
  context: C & { service: ServiceTokenClaims },
) => Response | Promise<Response>;

const MESSAGES: Record<ServiceTokenFailure, string> = {
  missing: `This endpoint needs a service token in ${SERVICE_TOKEN_HEADER}.`,
  malformed: "The service token is not a valid JWT.",
  tampered: "The service token's signature does not verify.",
  expired: "The service token has expired.",
  "too-long-lived": "The service token lives longer than 60 seconds.",
  "wrong-audience": "The service token is meant for another app.",
  "wrong-issuer": "The service token was not issued by an app allowed to call this one.",
};

/**
 * Route handlers under /api/internal/*: the handler runs only for a valid token addressed to
 * `audience`; anything else answers 401 `{ error, reason }`. This is the check: nothing in front
 * of these routes (proxy.ts) authenticates them, redirects them, or lets a cache keep them.
 */
export function withServiceToken<C>(audience: Service, handler: ServiceRouteHandler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const verified = await verifyServiceToken(request.headers.get(SERVICE_TOKEN_HEADER), audience);
    if (!verified.ok) {
      return Response.json(
        { error: MESSAGES[verified.reason], reason: verified.reason },
        { status: 401, headers: { "cache-control": "no-store" } },
      );
    }
    return handler(request, { ...context, service: verified.claims });
  };
}
