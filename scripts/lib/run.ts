import { spawn } from "node:child_process";
import { repoRoot } from "@burrow/testing/services";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a command with inherited stdio; resolves to its exit code (signals count as failure). */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: "inherit",
    });
    child.once("error", (e) => {
      console.error(`[run] ${command}: ${e.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** `pnpm` as the currently running one (the README bootstraps it with npx; it may not be on PATH). */
export function pnpmCommand(): [string, string[]] {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the package manager running this script, not a turbo task input.
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) {
    return execPath.endsWith(".js") || execPath.endsWith(".cjs") ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ["pnpm", []];
}

export function pnpm(args: string[], opts: RunOptions = {}): Promise<number> {
  const [cmd, pre] = pnpmCommand();
  return run(cmd, [...pre, ...args], opts);
}
