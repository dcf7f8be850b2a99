import type { BookingStatus } from "@burrow/booking";
import type { ComponentProps } from "react";
import { StatusPill } from "./status-pill";

const STATUSES: Record<BookingStatus, { label: string; tone: ComponentProps<typeof StatusPill>["tone"] }> = {
  REQUESTED: { label: "Requested", tone: "pending" },
  ACCEPTED: { label: "Accepted", tone: "good" },
  DECLINED: { label: "Declined", tone: "over" },
  EXPIRED: { label: "Expired", tone: "over" },
  CANCELLED: { label: "Cancelled", tone: "over" },
  COMPLETED: { label: "Completed", tone: "good" },
};

/** A booking's status as text (the colour only repeats it). */
export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return (
    <StatusPill tone={STATUSES[status].tone} data-testid="booking-status">
      {STATUSES[status].label}
    </StatusPill>
  );
}

export const bookingStatusLabel = (status: BookingStatus) => STATUSES[status].label;
