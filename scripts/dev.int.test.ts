// `pnpm dev` stopped as a process manager or `kill` stops it: one SIGTERM to the pnpm process alone
// (not its process group). Every port it opened (both `next dev` servers, PostgreSQL, FerretDB,
// SeaweedFS, the mail catcher) must be closed afterwards and no process it started may be left. Each
// process carries a marker in its environment, so the test finds leftovers (and kills them, to fail
// cleanly).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { tempDir } from "@burrow/testing";
import { repoRoot } from "@burrow/testing/services";
import { afterAll, expect, it } from "vitest";
import { pnpmCommand } from "./lib/run";

const MARKER = `BURROW_DEV_SIGNAL_TEST=${randomBytes(6).toString("hex")}`;

/** Pids of the processes whose environment carries this run's marker. */
function markedPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(MARKER)) pids.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

let dev: ChildProcess | undefined;

afterAll(() => {
  for (const pid of markedPids()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

it("pnpm dev stopped by SIGTERM to its own process leaves no port open and no process behind", async () => {
  // Its own services in a scratch folder: not the test's database, not the developer's .cache/dev.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_|MONGODB_|S3_|EMAIL_|MAIL_CATCHER|PORT$|VITEST)/.test(k)),
  );
  const [marker, value] = MARKER.split("=") as [string, string];
  const [command, pre] = pnpmCommand();
  dev = spawn(command, [...pre, "dev", "--data-dir", tempDir("burrow-dev-signal-")], {
    cwd: repoRoot,
    env: { ...env, [marker]: value, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  dev.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  dev.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => dev?.once("exit", (code) => resolve(code)));

  // The banner names every server: both apps, PostgreSQL, the Mongo-wire server, the mail catcher.
  const started = Date.now();
  while (!/Sign-in e-mails\s+\S+/.test(output)) {
    if (dev.exitCode !== null) throw new Error(`pnpm dev exited early:\n${output}`);
    if (Date.now() - started > 240_000) throw new Error(`no banner after 240 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const ports = [
    ...output.matchAll(/(?:localhost|127\.0\.0\.1):(\d+)/g),
    ...output.matchAll(/@[^:/\s]+:(\d+)\//g), // postgresql://user:pw@host:PORT/db
  ].map((m) => Number(m[1]));
  const unique = [...new Set(ports)];
  expect(unique.length, output).toBeGreaterThanOrEqual(4);
  const [webUrl, petsUrl] = [/Burrow marketplace\s+(\S+)/, /Burrow pets\s+(\S+)/].map((re) => output.match(re)?.[1]);
  // Both `next dev` servers up and answering (each has started its own server process by then).
  for (const url of [webUrl, petsUrl]) {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const ok = await fetch(`${url}/api/health/live`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${url} never answered:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const open = await Promise.all(unique.map(listening));
  expect(open.every(Boolean), `${unique.join(", ")}: ${open.join(", ")}`).toBe(true);

  process.kill(dev.pid as number, "SIGTERM");
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 60_000))]);
  expect(code, output.slice(-3000)).not.toBe("timeout");
  // pnpm itself exits at once; dev.ts (orphaned, or signalled) then stops each server in turn, SeaweedFS
  // taking a few seconds. Every process it started must be gone within the stop steps' bounds.
  const deadline = Date.now() + 60_000;
  while (markedPids().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  expect(markedPids(), output.slice(-3000)).toEqual([]);
  const openPorts = async () =>
    (await Promise.all(unique.map(async (p) => ((await listening(p)) ? p : null)))).filter(Boolean);
  expect(await openPorts(), output.slice(-3000)).toEqual([]);
}, 600_000);
