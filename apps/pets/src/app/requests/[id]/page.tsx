import { stayHasEnded } from "@burrow/booking";
import { bookingDetailsRepository, reviewRepository } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/auth";
import { BookingFacts } from "../../_components/booking-facts";
import { StayReviews } from "../../_components/stay-reviews";
import { DecisionForm } from "./_components/decision-form";
import { SitterCancelForm } from "./_components/sitter-cancel-form";

export const metadata: Metadata = { title: "Booking request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const sitter = await requireRole("SITTER", { returnTo: `/requests/${id}` });
  const found = await bookingDetailsRepository().forSitter(id, sitter.id);
  if (!found.ok) notFound();
  const { booking } = found;
  const reviews = booking.status === "COMPLETED" ? await reviewRepository().forBooking(booking.id, sitter.id) : null;
  const now = new Date();
  const live = booking.status === "REQUESTED" && booking.expiresAt > now;
  const ended = stayHasEnded(booking.end, booking.listing.timeZone, now);
  const completable = booking.status === "ACCEPTED" && ended;
  return (
    <article aria-labelledby="request-heading" className="max-w-2xl">
      <h1 id="request-heading">Request from {booking.tenantName ?? "a pet owner"}</h1>
      <p>
        <Link href="/requests">All requests</Link> ·{" "}
        <Link href={`/messages/booking/${booking.id}`}>Message {booking.tenantName ?? "the pet owner"}</Link>
      </p>
      <BookingFacts booking={booking} />
      {booking.status === "REQUESTED" && !live && (
        <p className="notice">This request has expired: it can no longer be accepted.</p>
      )}
      <DecisionForm
        bookingId={booking.id}
        heading={live ? "Your answer" : "Stay over"}
        choices={live ? ["accept", "decline"] : completable ? ["complete"] : []}
      />
      <SitterCancelForm
        bookingId={booking.id}
        open={booking.status === "ACCEPTED" && !ended}
        refundText={formatMinorUnits(booking.totalPriceMinor, booking.currency)}
      />
      {reviews?.ok && (
        <StayReviews
          bookingId={booking.id}
          reviews={reviews}
          subject="the pet owner"
          timeZone={booking.listing.timeZone}
        />
      )}
    </article>
  );
}
