// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm). Its entry
// module imports the .wasm file as an ES module, which Node 20 only does behind a flag, so the
// bindings module is instantiated here by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

export type { SchemaEngine };

const require = createRequire(import.meta.url);

/** Folder of the installed @prisma/schema-engine-wasm (its package.json is not exported). */
function wasmPackageDir(): string {
  return path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
}

export function wasmEngineVersion(): string {
  return JSON.parse(readFileSync(path.join(wasmPackageDir(), "package.json"), "utf8")).version;
}

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

/** The engine's panic hook writes the Rust panic message here before the WebAssembly trap. */
const panics = {
  message: "",
  set_message(message: string) {
    this.message = message;
  },
};
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panics }).PRISMA_WASM_PANIC_REGISTRY = panics;

/** The Rust panic behind a WebAssembly trap (`RuntimeError: unreachable`), if one happened. */
export function panicMessage(error: unknown): string | null {
  return error instanceof Error && error.name === "RuntimeError" ? panics.message || error.message : null;
}

let loaded: Promise<Bindings> | undefined;

function loadBindings(): Promise<Bindings> {
  loaded ??= (async () => {
    const dir = wasmPackageDir();
    const bindings = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as Bindings;
    const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

export async function createEngine(
  datamodels: [path: string, content: string][],
  log: (line: string) => void,
  adapter: object,
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  return SchemaEngine.new({ datamodels }, log, adapter);
}
