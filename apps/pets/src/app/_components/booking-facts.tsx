import { nightsBetween, REFUND_POLICIES } from "@burrow/booking";
import type { BookingDetail } from "@burrow/db";
import { facts } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import { policySummary } from "@/lib/policy";
import { BookingStatusBadge } from "./booking-status";

// dateStyle cannot be combined with timeZoneName, so the parts are spelled out.
const INSTANT_FORMAT = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

const instant = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { ...INSTANT_FORMAT, timeZone }).format(date);

/** The facts of one booking both parties see: dates, price and policy snapshots, refund. */
export function BookingFacts({ booking }: { booking: BookingDetail }) {
  const { timeZone } = booking.listing;
  const nights = nightsBetween(booking.start, booking.end);
  const money = (minor: number) => formatMinorUnits(minor, booking.currency);
  return (
    <dl className={facts}>
      <dt>Status</dt>
      <dd>
        <BookingStatusBadge status={booking.status} />
      </dd>
      <dt>Listing</dt>
      <dd>
        {booking.listing.title}, {booking.listing.city}
      </dd>
      <dt>Dates</dt>
      <dd>
        {booking.start} to {booking.end} ({nights} {nights === 1 ? "night" : "nights"}, {timeZone})
      </dd>
      <dt>Pets</dt>
      <dd>{booking.pets}</dd>
      <dt>Price</dt>
      <dd>
        {money(booking.totalPriceMinor)} ({nights} × {money(booking.nightlyPriceMinor)})
      </dd>
      <dt>Cancellation policy</dt>
      <dd>
        {booking.cancellationPolicy.toLowerCase()}: {policySummary(REFUND_POLICIES[booking.cancellationPolicy])}
      </dd>
      {booking.status === "REQUESTED" && (
        <>
          <dt>Answer due</dt>
          <dd>{instant(booking.expiresAt, timeZone)}</dd>
        </>
      )}
      {booking.cancelledAt && (
        <>
          <dt>Cancelled</dt>
          <dd>
            {instant(booking.cancelledAt, timeZone)}
            {booking.cancelledBy === "SITTER"
              ? " by the sitter"
              : booking.cancelledBy === "TENANT"
                ? " by the pet owner"
                : ""}
          </dd>
          {booking.cancelReason && (
            <>
              <dt>Reason</dt>
              <dd className="whitespace-pre-wrap wrap-anywhere" data-testid="cancel-reason">
                {booking.cancelReason}
              </dd>
            </>
          )}
          <dt>Refund</dt>
          <dd data-testid="refund">{money(booking.refundMinor ?? 0)}</dd>
        </>
      )}
      {booking.message && (
        <>
          <dt>Message</dt>
          <dd className="whitespace-pre-wrap">{booking.message}</dd>
        </>
      )}
    </dl>
  );
}
