// Anonymous visitors of these pages go to web's sign-in page and come back; the pages check again.
import { proxy as authProxy } from "./auth";

// Next.js wants `proxy` declared in this file; a re-export is not recognised.
export const proxy = authProxy;

// Never widen this to /api/internal/* or /api/health/*: those answer to service tokens (withServiceToken)
// and probes, not sessions, and must not be redirected or cached here (proxy.test.ts checks).
export const config = {
  matcher: ["/me/:path*", "/listings/:path*", "/book/:path*", "/stays/:path*", "/requests/:path*"],
};
