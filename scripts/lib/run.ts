import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { onStopServices, repoRoot } from "@burrow/testing/services";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** How long a child's process group gets to stop after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 20_000;

/**
 * Runs a command with inherited stdio; resolves to its exit code (signals count as failure). The child
 * leads its own process group, stopped as a whole (pnpm → next dev → its server process) by
 * stopServices, which the services' SIGINT/SIGTERM/SIGHUP handler runs: a signal sent to this script
 * alone, as a process manager or `kill` sends it, stops every process it started, then the services.
 */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: "inherit",
      detached: true,
    });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const forget = onStopServices(() => stopGroup(child, exited));
    child.once("error", (e) => {
      forget();
      console.error(`[run] ${command}: ${e.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      forget();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * SIGTERM to the child's process group, SIGKILL after STOP_GRACE_MS; resolves once no process of the
 * group is left (the leader, e.g. pnpm, may exit before the server it started has closed its port).
 */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const signal = (name: NodeJS.Signals | 0): boolean => {
    try {
      if (child.pid) process.kill(-child.pid, name);
      return true;
    } catch {
      return false; // the group has gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (signal(0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (signal(0)) {
    console.error(
      `[run] pid ${child.pid}'s processes still running ${STOP_GRACE_MS / 1000} s after SIGTERM: killing them`,
    );
    signal("SIGKILL");
  }
  await exited;
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

/** Our ancestors' pids, parent first, up to init (Linux /proc; elsewhere just the parent). */
function ancestors(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && pids.length < 32) {
    pids.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses.
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return pids;
}

/**
 * Stops this script (as SIGTERM does) once any process that started it is gone. `npx pnpm dev` runs
 * pnpm under a shell that npm's signal forwarding kills without passing the signal on, which would
 * leave pnpm and everything below it running when npx itself is sent SIGTERM.
 */
export function stopWhenOrphaned(): void {
  const watched = ancestors();
  const timer = setInterval(() => {
    for (const pid of watched) {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        console.error(`[run] process ${pid} that started this one has gone: stopping`);
        process.kill(process.pid, "SIGTERM");
        return;
      }
    }
  }, 1_000);
  timer.unref();
}
