import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it, vi } from "vitest";
import { config } from "./proxy";

// Only the matcher is under test; next-auth does not load outside Next's bundler.
vi.mock("./auth", () => ({ proxy: () => undefined }));

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy matcher", () => {
  it("runs in front of the signed-in pages", () => {
    expect(matches("/me/stays")).toBe(true);
  });

  // The internal API authenticates with service tokens only (withServiceToken); the session
  // proxy must not redirect, rewrite or cache it, so it never runs there.
  it.each(["/api/internal/events", "/api/internal/listings/c123/visibility", "/api/health/ready"])(
    "never runs for %s",
    (url) => {
      expect(matches(url)).toBe(false);
    },
  );
});
