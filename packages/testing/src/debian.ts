// Servers npm does not ship and the tests take from Debian's packages (pgbouncer, haproxy): installed
// with apt-get on the first run, as root (CI); anyone else is told the command.
import { execFileSync } from "node:child_process";
import { existsSync, unlinkSync, writeFileSync } from "node:fs";

/** Installs Debian's `pkg` unless `binary` exists; never lets the package start its own service. */
export function ensureDebianPackage(pkg: string, binary: string): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} is missing: install Debian's ${pkg} (sudo apt-get install -y ${pkg}) and run again`);
  }
  console.log(`[${pkg}] installing Debian's ${pkg} with apt-get (first run only)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (...args: string[]) =>
    execFileSync("apt-get", ["-o", "DPkg::Lock::Timeout=300", ...args], { stdio: "inherit", env });
  // invoke-rc.d asks policy-rc.d whether to start services; 101 = "no" (Docker images ship this).
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    apt("update", "-qq");
    apt("install", "-y", "-qq", "--no-install-recommends", pkg);
  } finally {
    if (ownPolicy) unlinkSync(policy);
  }
}
