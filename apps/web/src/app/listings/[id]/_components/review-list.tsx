import type { PublicReview } from "@burrow/db";
import styles from "../../listings.module.css";

const when = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export function ReviewList({ reviews }: { reviews: PublicReview[] }) {
  if (reviews.length === 0) return <p className="muted">No reviews yet.</p>;
  return (
    <ul className={styles.reviews}>
      {reviews.map((review) => (
        <li key={review.id}>
          <p>
            <span role="img" aria-label={`${review.rating} out of 5 stars`}>
              {"★".repeat(review.rating)}
              {"☆".repeat(5 - review.rating)}
            </span>{" "}
            <span className="muted">
              {review.authorName ?? "A guest"}, {when.format(review.publishedAt)}
            </span>
          </p>
          <blockquote>{review.text}</blockquote>
        </li>
      ))}
    </ul>
  );
}
