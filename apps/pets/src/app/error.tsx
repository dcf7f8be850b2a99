"use client";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  // In production the server error's message is withheld; its digest matches the server log.
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <section role="alert" className="notice">
      <h1>This page is unavailable right now</h1>
      <p>We could not load it, most likely because the database is unreachable. Please try again shortly.</p>
      {digest && <p className="text-muted">Reference: {digest}</p>}
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </section>
  );
}
