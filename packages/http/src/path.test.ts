import { describe, expect, it } from "vitest";
import { inArea, isDecodablePath, undecodablePath } from "./path";

describe("isDecodablePath", () => {
  it.each(["%ff", "%", "%E0%A4%A", "%C0%AE", "%ED%A0%80", "%c3%28", "%zz"])("refuses /listings/%s", (segment) => {
    expect(isDecodablePath(`/listings/${segment}`)).toBe(false);
  });

  // %25ff is a literal "%ff": valid here, and Next hands the page "%ff" (decoded once).
  it.each(["/listings/abc", "/u/%25ff", "/u/%C3%A9mile", "/a%2Fb", "/"])("accepts %s", (path) => {
    expect(isDecodablePath(path)).toBe(true);
  });
});

it("answers a plain 400", async () => {
  const response = undecodablePath();
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(await response.text()).toContain("malformed percent-escape");
});

it("inArea matches an area and below it, as /area/:path* does", () => {
  expect(inArea("/account", ["/account"])).toBe(true);
  expect(inArea("/account/delete", ["/account"])).toBe(true);
  expect(inArea("/accounting", ["/account"])).toBe(false);
  expect(inArea("/api/internal/x", ["/account", "/admin"])).toBe(false);
});
