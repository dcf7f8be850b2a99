import { cardGrid } from "@burrow/ui/classes";

/** Shown while a search runs (navigations between searches stream this first). */
export default function LoadingListings() {
  return (
    <section aria-labelledby="search-heading" aria-busy="true">
      <h1 id="search-heading">Find a stay</h1>
      <p className="text-muted" role="status">
        Searching…
      </p>
      <ul className={cardGrid} aria-hidden="true">
        {["a", "b", "c", "d", "e", "f"].map((key) => (
          <li key={key} className="card min-h-32 animate-pulse bg-border/40 motion-reduce:animate-none" />
        ))}
      </ul>
    </section>
  );
}
