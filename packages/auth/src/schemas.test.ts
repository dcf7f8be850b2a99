import { describe, expect, it } from "vitest";
import { Screenname, SignInEmail, SignInInput } from "./schemas";

describe("Screenname", () => {
  it.each(["abc", "farah_92", "a".repeat(30), "___", "  padded  "])("accepts %j", (name) => {
    expect(Screenname.safeParse(name).success).toBe(true);
  });

  it.each([
    ["ab", "at least 3"],
    ["a".repeat(31), "at most 30"],
    ["Farah", "lowercase"],
    ["has space", "lowercase"],
    ["dash-name", "lowercase"],
    ["émile", "lowercase"],
    ["", "at least 3"],
  ])("rejects %j (%s)", (name, message) => {
    const parsed = Screenname.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it("trims before checking", () => {
    expect(Screenname.parse("  bob  ")).toBe("bob");
  });
});

describe("SignInEmail", () => {
  it("lower-cases and trims a valid address", () => {
    expect(SignInEmail.parse("  Farah@Burrow.TEST ")).toBe("farah@burrow.test");
  });

  it.each(["", "not-an-email", "a@b", "two@@burrow.test", "a@burrow.test,b@evil.example"])("rejects %j", (email) => {
    expect(SignInEmail.safeParse(email).success).toBe(false);
  });
});

describe("SignInInput", () => {
  it.each([["a".repeat(2049)], [42], [null], [{}]])(
    "reads a callbackUrl that cannot be one as absent",
    (callbackUrl) => {
      expect(SignInInput.parse({ email: "a@burrow.test", callbackUrl })).toEqual({ email: "a@burrow.test" });
    },
  );

  it("hands on any string for the redirect rule to judge", () => {
    expect(SignInInput.parse({ email: "a@burrow.test", callbackUrl: "javascript:alert(1)" }).callbackUrl).toBe(
      "javascript:alert(1)",
    );
  });
});
