import { cardList } from "./classes";

const PLACEHOLDERS = ["a", "b", "c"];

/**
 * The Suspense fallback of a page's data part: a polite status line (role="status") for screen
 * readers and a few pulsing placeholder cards, hidden from them. The page's heading, controls and
 * status checks render around it first.
 */
export function LoadingCards({ label }: { label: string }) {
  return (
    <div data-testid="loading">
      <p role="status" className="text-muted">
        {label}
      </p>
      <ul className={cardList} aria-hidden="true">
        {PLACEHOLDERS.map((key) => (
          <li key={key} className="card min-h-20 animate-pulse bg-border/40 motion-reduce:animate-none" />
        ))}
      </ul>
    </div>
  );
}
