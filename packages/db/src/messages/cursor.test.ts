import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const id = "ckx0000000000000000000000";

describe("conversation cursor", () => {
  it("decodes what it encodes", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.stringMatching(/^c[a-z0-9]{24}$/),
        (lastMessageAt, cuid) => {
          expect(decodeCursor(encodeCursor({ lastMessageAt, id: cuid }))).toEqual({ lastMessageAt, id: cuid });
        },
      ),
    );
  });

  it("is URL-safe", () => {
    expect(encodeCursor({ lastMessageAt: new Date("2027-03-01T10:00:00.123Z"), id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("is null for anything else", () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      "",
      "%ff",
      "not base64!",
      "x".repeat(300),
      encode(["2027-03-01T10:00:00.000Z"]),
      encode(["2027-03-01T10:00:00.000Z", "not-a-cuid"]),
      encode(["yesterday", id]),
      encode(["2027-03-01T10:00:00.000Z", id, "extra"]),
      encode({ at: "2027-03-01T10:00:00.000Z", id }),
      Buffer.from("[").toString("base64url"),
    ]) {
      expect(decodeCursor(cursor), cursor).toBeNull();
    }
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.string(), (cursor) => void decodeCursor(cursor)));
  });
});
