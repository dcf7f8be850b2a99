#!/usr/bin/env node
// `pnpm prisma …` (the root package's script): the stock CLI with a schema engine that works here.
import { register } from "tsx/esm/api";

register();
const { runPrisma } = await import("../src/prisma.ts");
try {
  process.exit(await runPrisma(process.argv.slice(2)));
} catch (e) {
  console.error(`prisma: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
