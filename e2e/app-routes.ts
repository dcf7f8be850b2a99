// Every page and route handler of an app, read from its src/app tree, so a new route is covered by
// the specs that walk them (e2e/fuzz.spec.ts) without being listed anywhere.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type AppName = "web" | "pets";

export interface AppRoute {
  app: AppName;
  /** e.g. "/listings/[id]", "/api/auth/[...nextauth]". */
  pattern: string;
  kind: "page" | "route";
  /** GET for pages; the exported HTTP methods for route handlers. */
  methods: string[];
}

const ROOT = fileURLToPath(new URL("../apps/", import.meta.url));
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `export async function GET`, `export const POST = …` and `export const { GET, POST } = …`. */
function exportedMethods(source: string): string[] {
  const named = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)].map((m) => m[1]);
  const destructured = [...source.matchAll(/export\s+const\s+\{([^}]+)\}/g)].flatMap((m) =>
    (m[1] ?? "").split(",").map((name) => name.trim()),
  );
  return METHODS.filter((method) => named.includes(method) || destructured.includes(method));
}

export function appRoutes(app: AppName): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // `_folders` are private (not routes); `(groups)` do not appear in the URL.
        if (entry.name.startsWith("_")) continue;
        walk(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      } else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) {
        routes.push({ app, pattern: `/${segments.join("/")}`, kind: "page", methods: ["GET"] });
      } else if (/^route\.(ts|js)$/.test(entry.name)) {
        const methods = exportedMethods(readFileSync(full, "utf8"));
        routes.push({ app, pattern: `/${segments.join("/")}`, kind: "route", methods });
      }
    }
  };
  walk(path.join(ROOT, app, "src/app"), []);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The dynamic segments of a pattern, e.g. ["id"] for "/listings/[id]/edit". */
export const dynamicSegments = (pattern: string) => [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);

/** The pattern with every dynamic segment replaced by `value` (already URL-encoded as wanted). */
export const fillPattern = (pattern: string, value: string) => pattern.replace(/\[\[?(?:\.\.\.)?\w+\]?\]/g, value);
