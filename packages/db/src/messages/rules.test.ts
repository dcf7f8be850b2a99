import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_LENGTH, MessageBody, MessageId, SendMessage } from "./rules";

const body = (text: unknown) => MessageBody.safeParse(text);
const errors = (text: unknown) => {
  const parsed = body(text);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("MessageBody", () => {
  it("trims, and turns the \\r\\n a form sends into \\n", () => {
    expect(body("  Hello,\r\nis the garden fenced?\rThanks \n").data).toBe("Hello,\nis the garden fenced?\nThanks");
  });

  it("keeps tabs, emoji, accents and right-to-left text", () => {
    const text = "Tab\there 🐕‍🦺 café שלום";
    expect(body(text).data).toBe(text);
  });

  it("refuses empty and blank messages", () => {
    expect(errors("")).toEqual(["Write a message"]);
    expect(errors(" \r\n\t ")).toEqual(["Write a message"]);
    expect(errors(undefined)).toEqual(["Write a message"]);
  });

  it("allows 4,000 characters and no more, counting a form's \\r\\n as one", () => {
    expect(body("a".repeat(MAX_MESSAGE_LENGTH)).success).toBe(true);
    expect(errors("a".repeat(MAX_MESSAGE_LENGTH + 1))).toEqual(["At most 4,000 characters"]);
    expect(body("a\r\n".repeat(1333)).success).toBe(true);
  });

  it("refuses NUL and other control characters", () => {
    expect(errors("a\u0000b")).toEqual(["Contains a NUL character"]);
    for (const c of ["\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"]) {
      expect(errors(`a${c}b`), JSON.stringify(c)).toEqual(["Contains control characters"]);
    }
  });

  it("refuses bidirectional overrides and isolates, which make text read otherwise than it is", () => {
    for (const c of ["\u202a", "\u202e", "\u2066", "\u2069"]) {
      expect(errors(`pay https://a.example/${c}gpj.exe`)).toEqual(["Contains control characters"]);
    }
  });

  it("refuses half a surrogate pair", () => {
    expect(errors("a\ud800b")).toEqual(["Contains a broken character"]);
    expect(errors("a\udc00")).toEqual(["Contains a broken character"]);
  });

  it("keeps markup as the text it is (pages escape it)", () => {
    expect(body("<script>alert(1)</script>").data).toBe("<script>alert(1)</script>");
  });
});

describe("MessageId", () => {
  it("reads decimal ids as bigints", () => {
    expect(MessageId.parse("0")).toBe(0n);
    expect(MessageId.parse("9223372036854775807")).toBe(9223372036854775807n);
  });
  it("refuses anything else", () => {
    for (const id of ["", "-1", "01", "1.5", "1e3", " 1", "9223372036854775808", "99999999999999999999"]) {
      expect(MessageId.safeParse(id).success, id).toBe(false);
    }
  });
});

describe("SendMessage", () => {
  const id = "ckx0000000000000000000000";
  it("is either a reply into a thread or a first message of (listing, tenant)", () => {
    expect(SendMessage.safeParse({ conversationId: id, body: "hi" }).success).toBe(true);
    expect(SendMessage.safeParse({ listingId: id, tenantId: id, body: "hi" }).success).toBe(true);
    expect(SendMessage.safeParse({ listingId: id, body: "hi" }).success).toBe(false);
    expect(SendMessage.safeParse({ conversationId: "x", body: "hi" }).success).toBe(false);
  });
});
