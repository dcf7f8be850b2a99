import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactText } from "./redact";

describe("redactText", () => {
  it("replaces e-mail addresses, JWTs, bearer credentials and token-like parameters", () => {
    const line =
      "user Ann.Lee+pets@Example.co.uk asked /api/auth/callback/nodemailer?callbackUrl=%2F&token=abc123&email=x " +
      "with Authorization: Bearer s3cr3t.value and x-service-token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig " +
      "cookie authjs.session-token=3f0e9a4c-1b2d-4c5e-8f90-123456789abc; other=1";
    const out = redactText(line);
    for (const secret of ["Ann.Lee+pets@Example.co.uk", "abc123", "s3cr3t", "eyJhbGci", "3f0e9a4c-1b2d"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[email]");
    expect(out).toContain("other=1");
  });

  it("leaves ordinary text, ids and paths alone", () => {
    const line = "outbox: 3 of 50 events failed (event 0b0c3f1e-7f6d-4a51-9c84-5b0fbd1f52a1, /stays/clx123)";
    expect(redactText(line)).toBe(line);
  });
});

describe("redact", () => {
  it("blanks secret-named keys at any depth and cleans strings and errors", () => {
    const error = new Error("Unique constraint failed on (email)=(bob@burrow.test)");
    const out = redact({
      user: { id: "u1", email: "bob@burrow.test", profile: { sessionToken: "t" } },
      headers: { cookie: "a=b", "x-service-token": "jwt", accept: "text/html" },
      error,
      note: "mail bob@burrow.test",
    }) as Record<string, Record<string, unknown>>;
    expect(out.user).toEqual({ id: "u1", email: REDACTED, profile: { sessionToken: REDACTED } });
    expect(out.headers).toEqual({ cookie: REDACTED, "x-service-token": REDACTED, accept: "text/html" });
    expect(JSON.stringify(out)).not.toContain("bob@burrow.test");
    expect(out.error).toMatchObject({ type: "Error", message: "Unique constraint failed on (email)=([email])" });
  });
});
