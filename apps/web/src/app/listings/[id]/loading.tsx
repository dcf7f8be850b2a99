import styles from "../listings.module.css";

export default function LoadingListing() {
  return (
    <section aria-busy="true">
      <p className="muted" role="status">
        Loading the stay…
      </p>
      <div className={`${styles.section} ${styles.skeleton}`} />
    </section>
  );
}
