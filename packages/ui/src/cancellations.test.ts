import { describe, expect, it } from "vitest";
import { sitterCancellationsText } from "./cancellations";

describe("sitterCancellationsText", () => {
  it("says none, one stay or several", () => {
    expect(sitterCancellationsText(0)).toBe("No cancellations in the last 12 months");
    expect(sitterCancellationsText(1)).toBe("Cancelled 1 stay in the last 12 months");
    expect(sitterCancellationsText(3)).toBe("Cancelled 3 stays in the last 12 months");
  });
});
