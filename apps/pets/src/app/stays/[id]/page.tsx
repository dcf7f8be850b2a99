import { refundFor } from "@burrow/booking";
import { bookingDetailsRepository, reviewRepository } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { BookingFacts } from "../../_components/booking-facts";
import { StayReviews } from "../../_components/stay-reviews";
import { CancelStayForm } from "./_components/cancel-form";

export const metadata: Metadata = { title: "Your stay" };

export default async function StayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser({ returnTo: `/stays/${id}` });
  const found = await bookingDetailsRepository().forTenant(id, user.id);
  if (!found.ok) notFound();
  const { booking } = found;
  const reviews = booking.status === "COMPLETED" ? await reviewRepository().forBooking(booking.id, user.id) : null;
  // What cancel would record now: a request owes nothing; an accepted stay follows its policy.
  const refund =
    booking.status === "ACCEPTED"
      ? refundFor(
          booking.cancellationPolicy,
          booking.totalPriceMinor,
          new Date(),
          booking.start,
          booking.listing.timeZone,
        )
      : booking.totalPriceMinor;
  return (
    <article aria-labelledby="stay-heading" className="max-w-2xl">
      <h1 id="stay-heading">Your stay at “{booking.listing.title}”</h1>
      <p>
        <Link href="/stays">All your stays</Link> · hosted by {booking.sitterName ?? "a Burrow sitter"} ·{" "}
        <Link href={`/messages/booking/${booking.id}`}>Message the sitter</Link>
      </p>
      <BookingFacts booking={booking} />
      <CancelStayForm
        bookingId={booking.id}
        refundText={
          booking.status === "REQUESTED" || booking.status === "ACCEPTED"
            ? `${formatMinorUnits(refund, booking.currency)} of ${formatMinorUnits(booking.totalPriceMinor, booking.currency)}`
            : null
        }
      />
      {reviews?.ok && (
        <StayReviews
          bookingId={booking.id}
          reviews={reviews}
          subject="the sitter"
          timeZone={booking.listing.timeZone}
        />
      )}
    </article>
  );
}
