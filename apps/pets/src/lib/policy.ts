import type { REFUND_POLICIES } from "@burrow/booking";

type Policy = (typeof REFUND_POLICIES)[keyof typeof REFUND_POLICIES];

const daysBefore = (days: number) => `${days} ${days === 1 ? "day" : "days"} before arrival`;

/** A cancellation policy in words, from the same table refundFor uses: "100 % refund until 5 days before arrival, …". */
export function policySummary(policy: Policy): string {
  const tiers = policy.tiers.map((t) => `${t.percent} % refund until ${daysBefore(t.daysBefore)}`);
  return [...tiers, `${policy.after} % after that`].join(", ");
}
