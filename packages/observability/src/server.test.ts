import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const INSTRUMENTATION = "@opentelemetry/instrumentation";

describe("the instrumentations registerObservability installs", () => {
  // Each copy of the instrumentation base installs its own require-in-the-middle hook, and each hook
  // resolves every require() of the process again (Next requires its manifests on every request).
  it("share one copy of @opentelemetry/instrumentation", () => {
    const ours = require.resolve(INSTRUMENTATION);
    const theirs = (pkg: string) => createRequire(require.resolve(pkg)).resolve(INSTRUMENTATION);
    expect(theirs("@prisma/instrumentation")).toBe(ours);
    expect(theirs("@opentelemetry/instrumentation-pg")).toBe(ours);
  });
});
