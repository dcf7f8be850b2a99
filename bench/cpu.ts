// CPU accounting for the benches (Linux): what the whole machine and a given server process used
// over a measured stretch, so a ratio of throughputs can be read against where the cores went.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/** CPU time of all cores so far, busy and in total (idle is not busy). */
function machineTimes() {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** CPU seconds a process and everything it started have used so far, all threads (/proc; 0 where unreadable). */
function processSeconds(pid: number): number {
  try {
    // utime and stime: fields 14 and 15, counted after the parenthesised command name, in 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    let seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) seconds += processSeconds(Number(child));
    }
    return seconds;
  } catch {
    return 0;
  }
}

export interface CpuUse {
  /** The machine's cores busy on average (every process: load generator, proxy, PostgreSQL, servers). */
  busyCores: number;
  /** CPU seconds the watched processes used (all their threads: JavaScript, GC, libuv). */
  processSeconds: number;
  /** The same over the stretch's wall time: how many cores they kept busy. */
  processCores: number;
}

/** Runs `work` and reports the CPU the machine, and the processes `pids` with their children, used meanwhile. */
export async function measureCpu<T>(pids: number[], work: () => Promise<T>): Promise<[T, CpuUse]> {
  const used = () => pids.reduce((n, pid) => n + processSeconds(pid), 0);
  const before = { machine: machineTimes(), used: used(), at: performance.now() };
  const result = await work();
  const after = { machine: machineTimes(), used: used(), at: performance.now() };
  const seconds = after.used - before.used;
  return [
    result,
    {
      busyCores:
        ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) * os.cpus().length,
      processSeconds: seconds,
      processCores: seconds / ((after.at - before.at) / 1000),
    },
  ];
}
