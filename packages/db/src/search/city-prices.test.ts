import { describe, expect, it } from "vitest";
import { shareInRange } from "./city-prices";

// 0, 5, …, 100: prices spread evenly from 0 to 100.
const even = Array.from({ length: 21 }, (_, i) => i * 5);

describe("shareInRange", () => {
  it("reads evenly spread quantiles as an even distribution", () => {
    expect(shareInRange(even, 25, 74)).toBeCloseTo(0.5);
    expect(shareInRange(even, 0, 9)).toBeCloseTo(0.1);
    expect(shareInRange(even, 22, 22)).toBeCloseTo(0.01);
  });

  it("takes a missing bound as open", () => {
    expect(shareInRange(even, undefined, undefined)).toBe(1);
    expect(shareInRange(even, 50, undefined)).toBeCloseTo(0.5);
    expect(shareInRange(even, undefined, 49)).toBeCloseTo(0.5);
  });

  it("gives nothing outside the prices and everything around them", () => {
    expect(shareInRange(even, 101, 500)).toBe(0);
    expect(shareInRange(even, -50, -1)).toBe(0);
    expect(shareInRange(even, -50, 500)).toBe(1);
    expect(shareInRange(even, 60, 40)).toBe(0);
  });

  it("keeps a price many listings share whole", () => {
    const one = Array.from({ length: 21 }, () => 45);
    expect(shareInRange(one, 45, 45)).toBe(1);
    expect(shareInRange(one, 46, 100)).toBe(0);
    expect(shareInRange(one, 0, 44)).toBe(0);
    // Half the listings at 10, half spread over 10–20.
    const half = [...Array.from({ length: 11 }, () => 10), 12, 14, 16, 18, 20, 20, 20, 20, 20, 20];
    // Ten twentieths at 10, and half of the twentieth between 10 and 12.
    expect(shareInRange(half, 10, 10)).toBeCloseTo(0.5 + 1 / 20 / 2);
    expect(shareInRange(half, 11, 20)).toBeGreaterThan(0.45);
  });

  it("has no figures without quantiles", () => {
    expect(shareInRange([], 0, 100)).toBe(0);
  });
});
