import path from "node:path";
import { defineConfig } from "vitest/config";

// `server-only` throws outside React Server Components; tests run server code directly.
const serverOnly = path.resolve(import.meta.dirname, "scripts/lib/empty-module.ts");
const exclude = ["**/node_modules/**", "**/.next/**", "**/.cache/**", "e2e/**"];

export default defineConfig({
  // tsconfigPaths: route handlers import the apps' "@/..." paths, as Next resolves them.
  resolve: { alias: { "server-only": serverOnly }, tsconfigPaths: true },
  test: {
    setupFiles: ["scripts/lib/vitest-temp-dirs.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses.
    server: { deps: { inline: ["next-auth"] } },
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup: ["scripts/lib/vitest-services.ts"],
          setupFiles: ["scripts/lib/vitest-temp-dirs.ts", "scripts/lib/vitest-env.ts"],
          // One database and one Mongo-wire server: files run one after another, each cleans first.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
