import { describe, expect, it } from "vitest";
import { givenServices } from "./env";

describe("givenServices", () => {
  it("takes given URLs, treats unset or empty as missing, and names a malformed one", () => {
    expect(givenServices({ DATABASE_URL: "postgresql://u@h/db", MONGODB_URI: "" })).toEqual({
      DATABASE_URL: "postgresql://u@h/db",
      MONGODB_URI: undefined,
    });
    expect(() => givenServices({ MONGODB_URI: "http://x" })).toThrow(/MONGODB_URI must be a mongodb:\/\/ URL/);
    expect(() => givenServices({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql/);
  });
});
