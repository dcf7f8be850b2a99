// Every server action of both apps (every "use server" module under src/app, found on disk) called
// with argument lists no form sends, as Next decodes them from hand-made requests: each refuses
// with its form's error state or a 404, before it looks at the session or any data. Thrown
// TypeErrors would be 500s.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { describe, expect, it } from "vitest";

const APPS = path.resolve(import.meta.dirname, "../apps");

function actionModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionModules(full);
    return /\.tsx?$/.test(entry.name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

const modules = ["web", "pets"].flatMap((app) => actionModules(path.join(APPS, app, "src/app")));

// `0=["$K1"]` is (FormData); a text body `[]` is (); and so on.
const MALFORMED_CALLS: [string, unknown[]][] = [
  ["(FormData)", [new FormData()]],
  ["()", []],
  ["(object, string)", [{}, "email=x"]],
  ["(null, FormData)", [null, new FormData()]],
  ["(FormData, FormData)", [new FormData(), new FormData()]],
  ["(array, object)", [[], {}]],
  ["(1, 2, 3)", [1, 2, 3]],
];

/** notFound()'s error, which Next answers with 404. */
const isNotFound = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { digest?: unknown }).digest === "NEXT_HTTP_ERROR_FALLBACK;404";

it("finds the actions of both apps", () => {
  expect(modules.length).toBeGreaterThanOrEqual(12);
});

describe.each(modules.map((file) => [path.relative(APPS, file), file]))("%s", (_, file) => {
  it.each(MALFORMED_CALLS)("refuses %s in every action that takes arguments", async (_, args) => {
    const exports = (await import(file)) as Record<string, unknown>;
    // Actions without parameters (sign-out, become a sitter, mark all read) read no arguments.
    const actions = Object.entries(exports).filter(
      (entry): entry is [string, (...a: unknown[]) => Promise<unknown>] =>
        typeof entry[1] === "function" && entry[1].length > 0,
    );
    for (const [name, action] of actions) {
      const outcome = await action(...args).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if ("error" in outcome) expect(isNotFound(outcome.error), `${name} threw ${String(outcome.error)}`).toBe(true);
      else expect([undefined, { error: MALFORMED_ACTION_CALL }], name).toContainEqual(outcome.value);
    }
  });
});
