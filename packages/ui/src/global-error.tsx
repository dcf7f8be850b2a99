"use client";

import { SiteDocument } from "./site-header";

export interface GlobalErrorProps {
  error: unknown;
  retry: () => void;
  /** The app as users know it: "Burrow", "Burrow for sitters". */
  appName: string;
  /** The home link's words. */
  homeLabel: string;
}

/**
 * Each app's global-error page: the root layout itself failed (it reads the signed-in user from
 * PostgreSQL), so this replaces it with its own document, no header, a full reload as the way back.
 */
export function GlobalErrorPage({ error, retry, appName, homeLabel }: GlobalErrorProps) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <SiteDocument header={<title>{`${appName} is unavailable`}</title>}>
      <section role="alert" className="notice">
        <h1>{appName} is unavailable right now</h1>
        <p>We could not load this page, most likely because the database is unreachable. Please try again shortly.</p>
        {digest && <p className="text-muted">Reference: {digest}</p>}
        <p className="flex flex-wrap items-center gap-4">
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
          <a href="/">{homeLabel}</a>
        </p>
      </section>
    </SiteDocument>
  );
}
