import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // @burrow/db and @burrow/auth ship TypeScript source, generated Prisma client included. Their
  // runtime dependencies need no config: @prisma/client and pg are on Next's built-in
  // serverExternalPackages list, and @prisma/adapter-pg, next-auth and nodemailer bundle cleanly.
  transpilePackages: ["@burrow/db", "@burrow/auth", "@burrow/events"],
  // forbidden() answers 403 with app/forbidden.tsx when a signed-in user lacks the role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
