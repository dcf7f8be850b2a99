// Anonymous visitors of these pages go to web's sign-in page and come back; the pages check again.
// Before that, every app-wide refusal Next cannot answer itself without a 500: a path whose
// escapes do not decode, a server action call whose arguments are not a list (@burrow/http/proxy).
import { burrowProxy } from "@burrow/http/proxy";
import { proxy as authProxy } from "./auth";

// Next.js wants `proxy` declared in this file; a re-export is not recognised. The areas are the
// matcher's first six entries: the only paths the auth redirect applies to.
export const proxy = burrowProxy(["/me", "/listings", "/book", "/stays", "/requests", "/messages"], authProxy);

// Never widen the auth areas to /api/internal/* or /api/health/*: those answer to service tokens
// (withServiceToken) and probes, not sessions, and must not be redirected or cached here (proxy.test.ts
// checks). The last two entries send only paths with a percent sign and server action calls to the
// checks; static files and every other request never enter the proxy.
export const config = {
  matcher: [
    "/me/:path*",
    "/listings/:path*",
    "/book/:path*",
    "/stays/:path*",
    "/requests/:path*",
    "/messages/:path*",
    "/(.*%.*)",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
