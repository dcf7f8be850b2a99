// Throwaway git repositories for tests: an environment no hook variable, HUSKY setting or user config
// leaks into (GIT_DIR or GIT_INDEX_FILE from a running hook would point them at this repository).
import { execFileSync } from "node:child_process";

export const gitTestEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_") && k !== "HUSKY")),
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

/** Runs git in `cwd` with gitTestEnv; its trimmed output. */
export const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env: gitTestEnv, encoding: "utf8" }).trim();
