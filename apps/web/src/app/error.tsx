"use client";

import Link from "next/link";

/** Any page's unexpected failure; pages with their own error.tsx say more about what is down. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  // In production the server error's message is withheld; its digest matches the server log.
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <section role="alert" className="notice">
      <h1>This page could not be loaded</h1>
      <p>Something went wrong on our side, most likely a service that is briefly unreachable. Please try again.</p>
      {digest && <p className="text-muted">Reference: {digest}</p>}
      <p className="flex flex-wrap items-center gap-4">
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
        <Link href="/">Back to Burrow</Link>
      </p>
    </section>
  );
}
