import { describe, expect, it } from "vitest";
import { MESSAGE_RATE_RULES, type RateRule, rateLookback, rateVerdict } from "./rate-limit";

const now = new Date("2027-03-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const minute: RateRule[] = [{ max: 3, windowSeconds: 60, per: "a minute" }];

describe("rateVerdict", () => {
  it("allows sending while fewer than max messages are in the window", () => {
    expect(rateVerdict([], now, minute)).toEqual({ ok: true });
    expect(rateVerdict([ago(1), ago(2)], now, minute)).toEqual({ ok: true });
  });

  it("refuses the max+1-th message of a window, saying when the next one may go", () => {
    expect(rateVerdict([ago(10), ago(20), ago(30)], now, minute)).toEqual({
      ok: false,
      retryAfterSeconds: 30,
      message: "You can send 3 messages a minute. Try again in 30 seconds.",
    });
  });

  it("counts only messages inside the window (exactly one window ago is outside)", () => {
    expect(rateVerdict([ago(10), ago(20), ago(60), ago(61)], now, minute)).toEqual({ ok: true });
  });

  it("reads the send times in any order", () => {
    expect(rateVerdict([ago(30), ago(10), ago(20), ago(50)], now, minute)).toMatchObject({ retryAfterSeconds: 30 });
  });

  it("waits at least a second", () => {
    expect(rateVerdict([new Date(now.getTime() - 59_999), ago(1), ago(2)], now, minute)).toMatchObject({
      retryAfterSeconds: 1,
      message: "You can send 3 messages a minute. Try again in 1 second.",
    });
  });

  it("applies every rule and reports the longest wait", () => {
    const rules: RateRule[] = [...minute, { max: 5, windowSeconds: 3600, per: "an hour" }];
    expect(rateVerdict([ago(100), ago(200), ago(300), ago(400), ago(500)], now, rules)).toEqual({
      ok: false,
      retryAfterSeconds: 3100,
      message: "You can send 5 messages an hour. Try again in 52 minutes.",
    });
    expect(rateVerdict([ago(1), ago(2), ago(3), ago(400), ago(500)], now, rules)).toMatchObject({
      retryAfterSeconds: 3100,
    });
  });

  it("Burrow's rules: ten a minute, a hundred an hour", () => {
    const ten = Array.from({ length: 10 }, (_, i) => ago(i + 1));
    expect(rateVerdict(ten.slice(1), now, MESSAGE_RATE_RULES)).toEqual({ ok: true });
    expect(rateVerdict(ten, now, MESSAGE_RATE_RULES)).toMatchObject({ ok: false, retryAfterSeconds: 50 });
    expect(rateLookback(MESSAGE_RATE_RULES)).toEqual({ seconds: 3600, count: 100 });
  });
});
