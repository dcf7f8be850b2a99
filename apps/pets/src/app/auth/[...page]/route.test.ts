import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "./route";

const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret-0123456789abcdef0123");
  vi.stubEnv("EMAIL_SERVER", "smtp://localhost:2525");
  vi.stubEnv("EMAIL_FROM", "Burrow <no-reply@burrow.test>");
  vi.stubEnv("WEB_URL", WEB);
  vi.stubEnv("PETS_URL", PETS);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const forward = (path: string) => {
  const res = GET(new Request(`${PETS}${path}`));
  return [res.status, res.headers.get("location")];
};

describe("pets' /auth/* forwarding to web", () => {
  it("forwards web's pages with their query, a callbackUrl made an absolute pets URL", () => {
    expect(forward("/auth/error?error=Verification")).toEqual([307, `${WEB}/auth/error?error=Verification`]);
    expect(forward("/auth/signin?callbackUrl=%2Fme%3Ftab%3D1")).toEqual([
      307,
      `${WEB}/auth/signin?callbackUrl=${encodeURIComponent(`${PETS}/me?tab=1`)}`,
    ]);
    expect(forward(`/auth/signin?callbackUrl=${encodeURIComponent(`${WEB}/account`)}`)).toEqual([
      307,
      `${WEB}/auth/signin?callbackUrl=${encodeURIComponent(`${WEB}/account`)}`,
    ]);
  });

  it.each([
    ["javascript:alert(1)", encodeURIComponent("javascript:alert(1)")],
    ["//evil.example", encodeURIComponent("//evil.example")],
    ["http://[::1", encodeURIComponent("http://[::1")],
    ["a 5 KB path", `/${"a".repeat(5000)}`],
  ])("sends a hostile callbackUrl (%s) back to pets' home", (_, value) => {
    expect(forward(`/auth/signin?callbackUrl=${value}`)).toEqual([
      307,
      `${WEB}/auth/signin?callbackUrl=${encodeURIComponent(`${PETS}/`)}`,
    ]);
  });

  it("passes on one callbackUrl when several came", () => {
    const twice = `/auth/signin?callbackUrl=%2Fme&callbackUrl=${encodeURIComponent("https://evil.example")}`;
    expect(forward(twice)).toEqual([307, `${WEB}/auth/signin?callbackUrl=${encodeURIComponent(`${PETS}/me`)}`]);
  });

  it("answers 404 for anything but web's auth pages", () => {
    expect(forward("/auth/elsewhere")).toEqual([404, null]);
  });
});
