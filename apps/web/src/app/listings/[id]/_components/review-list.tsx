import type { PublicReview } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";

const when = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export function ReviewList({ reviews }: { reviews: PublicReview[] }) {
  if (reviews.length === 0) return <p className="text-muted">No reviews yet.</p>;
  return (
    <ul className={cardList}>
      {reviews.map((review) => (
        <li key={review.id}>
          <p>
            <span role="img" aria-label={`${review.rating} out of 5 stars`}>
              {"★".repeat(review.rating)}
              {"☆".repeat(5 - review.rating)}
            </span>{" "}
            <span className="text-muted">
              {review.authorName ?? "A guest"}, {when.format(review.publishedAt)}
            </span>
          </p>
          <blockquote className="mt-1 mb-0 wrap-anywhere">{review.text}</blockquote>
        </li>
      ))}
    </ul>
  );
}
