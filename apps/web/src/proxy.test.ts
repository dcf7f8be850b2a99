import { proxyContract } from "@burrow/testing/proxy-contract";
import { vi } from "vitest";
import { config, proxy } from "./proxy";

// next-auth does not load outside Next's bundler: a stand-in auth redirect that records its calls.
const authProxy = vi.hoisted(() => vi.fn(async () => new Response(null, { status: 307 })));
vi.mock("./auth", () => ({ proxy: authProxy }));

proxyContract({
  origin: "http://localhost:3000",
  config,
  proxy,
  authProxy,
  signedIn: ["/account", "/admin/users/c1", "/%61ccount"],
  checked: ["/account/settings", "/admin", "/listings/%ff", "/api/internal/events%"],
  actionPage: "/articles",
  never: ["/", "/listings/c123", "/u/ada", "/_next/static/chunks/main.js", "/api/internal/events", "/api/health/ready"],
  malformed: ["/listings/%ff", "/u/%", "/articles/%E0%A4%A", "/admin/users/%C0%AE", "/account/%ED%A0%80"],
  through: ["/api/internal/events%20", "/api/health/%72eady", "/u/%25ff", "/accounting%20"],
});
