import type { ReviewView } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";

/** The newest published reviews of the listing's sitter. */
export function ListingReviews({ reviews }: { reviews: ReviewView[] }) {
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Recent reviews</h2>
      <ul className={`${cardList} mb-4`}>
        {reviews.map((review) => (
          <li key={review.id} className="card">
            <p>
              <strong>{review.rating} of 5</strong> · {review.authorName ?? "A pet owner"}
            </p>
            <p className="whitespace-pre-wrap wrap-anywhere">{review.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
