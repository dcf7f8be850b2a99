// Cancellation refunds: one pure function of (policy, total, cancelled-at, start date, zone).
// No money moves; the amount is recorded on the booking.
import { addDays, type IsoDate, startOfDayIn } from "./dates";
import type { BookingStatus } from "./status";

export const CANCELLATION_POLICIES = ["FLEXIBLE", "MODERATE", "STRICT"] as const;
export type CancellationPolicy = (typeof CANCELLATION_POLICIES)[number];

/**
 * The policies. A deadline "N days before" is 00:00 (the start of the day) of the date N days
 * before the stay's start date, in the listing's time zone, so deadlines are local midnights
 * whatever DST does in between. A cancellation strictly before a tier's deadline gets that tier's
 * share; the first matching tier wins; after the last deadline, `after` applies.
 *
 * - FLEXIBLE: 100 % until 1 day before, 50 % after (even once the stay has begun).
 * - MODERATE: 100 % until 5 days before, 50 % until 1 day before, nothing after.
 * - STRICT:   50 % until 7 days before, nothing after.
 *
 * Shares round down to whole minor units. Tiers are ordered by deadline, earliest first, with
 * shares that never grow, which makes refunds monotonic in how early one cancels.
 */
export const REFUND_POLICIES: Record<
  CancellationPolicy,
  { tiers: readonly { daysBefore: number; percent: number }[]; after: number }
> = {
  FLEXIBLE: { tiers: [{ daysBefore: 1, percent: 100 }], after: 50 },
  MODERATE: {
    tiers: [
      { daysBefore: 5, percent: 100 },
      { daysBefore: 1, percent: 50 },
    ],
    after: 0,
  },
  STRICT: { tiers: [{ daysBefore: 7, percent: 50 }], after: 0 },
};

/** The refund, in minor units, for cancelling a stay that costs `totalMinor` at `cancelledAt`. */
export function refundFor(
  policy: CancellationPolicy,
  totalMinor: number,
  cancelledAt: Date,
  startDate: IsoDate,
  timeZone: string,
): number {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) {
    throw new RangeError(`refundFor: total must be a non-negative integer, got ${totalMinor}`);
  }
  const { tiers, after } = REFUND_POLICIES[policy];
  const tier = tiers.find(
    ({ daysBefore }) => cancelledAt.getTime() < startOfDayIn(addDays(startDate, -daysBefore), timeZone).getTime(),
  );
  return Math.floor((totalMinor * (tier?.percent ?? after)) / 100);
}

/** Who cancels: the tenant (refund by the policy once accepted) or the listing's sitter. */
export type Canceller = "TENANT" | "SITTER";

/**
 * The refund a cancellation records. A request was never accepted, so nothing of it is owed; a
 * sitter who cancels owes the tenant everything, whatever the policy says.
 */
export function cancellationRefund(
  by: Canceller,
  booking: {
    status: BookingStatus;
    cancellationPolicy: CancellationPolicy;
    totalPriceMinor: number;
    start: IsoDate;
  },
  cancelledAt: Date,
  timeZone: string,
): number {
  const { status, cancellationPolicy, totalPriceMinor, start } = booking;
  return by === "TENANT" && status === "ACCEPTED"
    ? refundFor(cancellationPolicy, totalPriceMinor, cancelledAt, start, timeZone)
    : totalPriceMinor;
}
