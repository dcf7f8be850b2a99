// Anonymous visitors of account and admin pages go straight to sign-in; the pages check again.
import { proxy as authProxy } from "./auth";

// Next.js wants `proxy` declared in this file; a re-export is not recognised.
export const proxy = authProxy;

// Never widen this to /api/internal/* or /api/health/*: those answer to service tokens (withServiceToken)
// and probes, not sessions, and must not be redirected or cached here (proxy.test.ts checks).
export const config = { matcher: ["/account/:path*", "/admin/:path*"] };
