import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // @burrow/db ships TypeScript source, generated Prisma client included. Its runtime
  // dependencies need no config: @prisma/client and pg are on Next's built-in
  // serverExternalPackages list, and @prisma/adapter-pg bundles cleanly.
  transpilePackages: ["@burrow/db"],
};

export default nextConfig;
