import styles from "../listings.module.css";

/** Shown while a search runs (navigations between searches stream this first). */
export default function LoadingListings() {
  return (
    <section aria-labelledby="search-heading" aria-busy="true">
      <h1 id="search-heading">Find a stay</h1>
      <p className="muted" role="status">
        Searching…
      </p>
      <ul className={styles.results} aria-hidden="true">
        {["a", "b", "c", "d", "e", "f"].map((key) => (
          <li key={key} className={`${styles.card} ${styles.skeleton}`} />
        ))}
      </ul>
    </section>
  );
}
