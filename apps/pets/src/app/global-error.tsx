"use client";

import { SiteMain } from "@burrow/ui/site-header";
import "./globals.css";

/**
 * The root layout itself failed (it reads the signed-in user from PostgreSQL), so this replaces it:
 * its own document, no header, a full reload as the way back.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <html lang="en">
      <body>
        <title>Burrow for sitters is unavailable</title>
        <SiteMain>
          <section role="alert" className="notice">
            <h1>Burrow for sitters is unavailable right now</h1>
            <p>
              We could not load this page, most likely because the database is unreachable. Please try again shortly.
            </p>
            {digest && <p className="text-muted">Reference: {digest}</p>}
            <p className="flex flex-wrap items-center gap-4">
              <button type="button" className="button" onClick={retry}>
                Try again
              </button>
              <a href="/">Back to the dashboard</a>
            </p>
          </section>
        </SiteMain>
      </body>
    </html>
  );
}
