// How many messages a member may send: every rule must hold (a burst limit and a steady one). The
// repository reads the sender's recent send times under a per-sender lock and asks this function.

export interface RateRule {
  max: number;
  windowSeconds: number;
  /** "a minute", as the refusal says it. */
  per: string;
}

export const MESSAGE_RATE_RULES: readonly RateRule[] = [
  { max: 10, windowSeconds: 60, per: "a minute" },
  { max: 100, windowSeconds: 3600, per: "an hour" },
];

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

/** The longest window and the most messages any rule needs to look at. */
export const rateLookback = (rules: readonly RateRule[]) => ({
  seconds: Math.max(0, ...rules.map((r) => r.windowSeconds)),
  count: Math.max(0, ...rules.map((r) => r.max)),
});

/**
 * May one more message go out at `now`, given the sender's earlier send times (any order; at least
 * the newest `rateLookback(rules).count` of the longest window)? When not, how long until the
 * oldest message that counts against the broken rule leaves its window.
 */
export function rateVerdict(sentAt: readonly Date[], now: Date, rules: readonly RateRule[]): RateVerdict {
  const newestFirst = [...sentAt].sort((a, b) => b.getTime() - a.getTime());
  let verdict: RateVerdict = { ok: true };
  for (const rule of rules) {
    const since = now.getTime() - rule.windowSeconds * 1000;
    const inWindow = newestFirst.filter((t) => t.getTime() > since);
    if (inWindow.length < rule.max) continue;
    // Sending is possible again once the max-th newest message is out of the window.
    const freedAt = (inWindow[rule.max - 1] as Date).getTime() + rule.windowSeconds * 1000;
    const retryAfterSeconds = Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
    if (verdict.ok || retryAfterSeconds > verdict.retryAfterSeconds) {
      verdict = {
        ok: false,
        retryAfterSeconds,
        message: `You can send ${rule.max} messages ${rule.per}. Try again in ${waitText(retryAfterSeconds)}.`,
      };
    }
  }
  return verdict;
}

const waitText = (seconds: number) =>
  seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
