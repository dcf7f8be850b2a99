import { describe, expect, it } from "vitest";
import { magicLinkMessage, pinLinkOrigin } from "./mail";

describe("magic link e-mail", () => {
  it("moves a link built from a forged Host onto WEB_URL", () => {
    const forged = "http://evil.example/api/auth/callback/nodemailer?token=t&email=a%40b.test";
    expect(pinLinkOrigin(forged, new URL("https://www.burrow.example"))).toBe(
      "https://www.burrow.example/api/auth/callback/nodemailer?token=t&email=a%40b.test",
    );
  });

  it("says how long the link lives and escapes it in HTML", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const message = magicLinkMessage(
      { url: 'http://x.test/cb?a=1&b="2"', expires: new Date(now.getTime() + 15 * 60_000) },
      now,
    );
    expect(message.text).toContain('http://x.test/cb?a=1&b="2"');
    expect(message.text).toContain("expires in 15 minutes");
    expect(message.html).toContain('href="http://x.test/cb?a=1&amp;b=&quot;2&quot;"');
  });
});
