import { describe, expect, it } from "vitest";
import { formatMinorUnits } from "./money";

describe("formatMinorUnits", () => {
  it("divides by the currency's minor unit", () => {
    expect(formatMinorUnits(4500, "EUR")).toBe("€45.00");
    expect(formatMinorUnits(5250, "GBP")).toBe("£52.50");
    expect(formatMinorUnits(4500, "JPY")).toBe("¥4,500");
    expect(formatMinorUnits(1500, "KWD")).toMatch(/^KWD\s1\.500$/); // three minor digits
  });
});
