#!/usr/bin/env node
// The executable PRISMA_SCHEMA_ENGINE_BINARY names: runs src/main.ts (TypeScript, through tsx).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
await main(process.argv.slice(2));
