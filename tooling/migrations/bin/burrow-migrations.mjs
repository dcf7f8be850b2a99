#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx, from any directory (git hooks, CI) without pnpm.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const { status, signal } = spawnSync(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(status ?? (signal ? 1 : 0));
