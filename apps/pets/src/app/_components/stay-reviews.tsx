import type { ReviewView } from "@burrow/db";
import { ReviewForm } from "./review-form";

const closes = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "numeric", timeZone }).format(date);

function Review({ review, heading }: { review: ReviewView; heading: string }) {
  return (
    <figure className="card mb-4" data-testid="review">
      <figcaption>
        {heading}: <strong>{review.rating} of 5</strong>
        {!review.published && (
          <span className="text-muted"> (hidden until the other party writes theirs or the window closes)</span>
        )}
      </figcaption>
      <blockquote className="mt-2 mb-0 whitespace-pre-wrap wrap-anywhere">{review.text}</blockquote>
    </figure>
  );
}

/**
 * The double-blind reviews of a completed stay as one party sees them: their own, the other's
 * once published, and the form while they may still write.
 */
export function StayReviews({
  bookingId,
  reviews,
  subject,
  timeZone,
}: {
  bookingId: string;
  reviews: { mine: ReviewView | null; theirs: ReviewView | null; canWrite: boolean; windowClosesAt: Date };
  /** Who the viewer reviews: "the sitter" or "the pet owner". */
  subject: string;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      <p className="text-muted">
        Each of you can review the other once, until {closes(reviews.windowClosesAt, timeZone)}. Reviews stay hidden
        until both are written or that day comes.
      </p>
      {reviews.mine && <Review review={reviews.mine} heading="Your review" />}
      {reviews.theirs ? (
        <Review review={reviews.theirs} heading={`Review by ${reviews.theirs.authorName ?? subject}`} />
      ) : (
        <p>No published review from {subject} yet.</p>
      )}
      {reviews.canWrite && <ReviewForm bookingId={bookingId} subject={subject} />}
    </section>
  );
}
