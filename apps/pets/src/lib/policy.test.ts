import { REFUND_POLICIES } from "@burrow/booking";
import { describe, expect, it } from "vitest";
import { policySummary } from "./policy";

describe("policySummary", () => {
  it("describes each policy from the refund table", () => {
    expect(policySummary(REFUND_POLICIES.MODERATE)).toBe(
      "100 % refund until 5 days before arrival, 50 % refund until 1 day before arrival, 0 % after that",
    );
    expect(policySummary(REFUND_POLICIES.STRICT)).toBe("50 % refund until 7 days before arrival, 0 % after that");
  });
});
