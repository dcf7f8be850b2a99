import { proxyContract } from "@burrow/testing/proxy-contract";
import { vi } from "vitest";
import { config, proxy } from "./proxy";

// next-auth does not load outside Next's bundler: a stand-in auth redirect that records its calls.
const authProxy = vi.hoisted(() => vi.fn(async () => new Response(null, { status: 307 })));
vi.mock("./auth", () => ({ proxy: authProxy }));

proxyContract({
  origin: "http://localhost:3001",
  config,
  proxy,
  authProxy,
  signedIn: ["/me", "/stays/c1", "/%6De"],
  checked: ["/me/stays", "/listings/new", "/api/internal/listings/%ff/visibility", "/api/internal/events%"],
  actionPage: "/",
  never: [
    "/",
    "/listings-old",
    "/auth/signin",
    "/_next/static/chunks/main.js",
    "/api/internal/events",
    "/api/health/ready",
  ],
  malformed: [
    "/book/%ff",
    "/stays/%",
    "/requests/%E0%A4%A",
    "/api/internal/users/%C0%AE/retire",
    "/api/internal/listings/%ED%A0%80/visibility",
  ],
  through: ["/api/internal/users/c1%20/retire", "/api/health/%72eady", "/auth/%25ff", "/meadow%20"],
});
