"use client";

export default function ArticlesError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <section role="alert" className="notice">
      <h1>Articles are unavailable right now</h1>
      <p>We could not load articles, most likely because the article store is unreachable. Please try again shortly.</p>
      {digest && <p className="text-muted">Reference: {digest}</p>}
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </section>
  );
}
