import type { BookingStatus } from "@burrow/booking";

const LABELS: Record<BookingStatus, string> = {
  REQUESTED: "Requested",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  EXPIRED: "Expired",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
};

/** A booking's status as text (the colour only repeats it). */
export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return (
    <span className={`badge badge--${status.toLowerCase()}`} data-testid="booking-status">
      {LABELS[status]}
    </span>
  );
}

export const bookingStatusLabel = (status: BookingStatus) => LABELS[status];
