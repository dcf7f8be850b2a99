// A real S3-compatible server for dev and tests: SeaweedFS (`weed mini`: master, volume, filer and S3
// gateway in one process), built once from the Go module proxy into .cache/seaweedfs/<version>/weed.
// Every port it would open is chosen free, so several checkouts can run it at once.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { type StorageEnv, s3Client } from "@burrow/storage";
import { buildGoModule } from "./go-build";

// Pseudo-version of seaweedfs/seaweedfs master on 2026-11-09 (`weed version` says 4.53).
export const SEAWEEDFS_VERSION = "v0.0.0-20261109003541-7506e5f91cd6";

/** `weed` (≈8 min cold on 2 cores); its go.mod has replace directives, so `go install` refuses it. */
export function ensureSeaweedFs(): string {
  const bin = buildGoModule({
    name: "seaweedfs",
    binary: "weed",
    module: "github.com/seaweedfs/seaweedfs",
    version: SEAWEEDFS_VERSION,
    pkg: "./weed",
  });
  if (!bin) throw new Error("S3_ENDPOINT is not set and Go is missing to build SeaweedFS: install Go or set S3_*");
  return bin;
}

export interface ObjectStorageOptions {
  /** Keep objects between runs in this folder (dev); a fresh temp folder otherwise (tests). */
  dataDir?: string;
  /** Preferred S3 port (dev); any free one otherwise. */
  port?: number;
  bucket?: string;
}

export type S3Settings = Pick<
  StorageEnv,
  "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"
>;

/** Starts SeaweedFS with its bucket created; the caller stops it. */
export async function launchObjectStorage(
  freePort: (preferred?: number) => Promise<number>,
  opts: ObjectStorageOptions = {},
): Promise<{ env: S3Settings; stop: () => Promise<void> }> {
  const weed = ensureSeaweedFs();
  const persistent = Boolean(opts.dataDir);
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "burrow-s3-"));
  mkdirSync(dataDir, { recursive: true });
  const bucket = opts.bucket ?? "burrow-photos";
  const s3Port = await freePort(opts.port);
  // Each of these has a fixed default (9333, 8888, 9340, 12535, …, gRPC at +10000) that a second
  // instance would clash on.
  const portFlags = [
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
  ];
  const ports: string[] = [];
  for (const flag of portFlags) ports.push(`-${flag}=${await freePort()}`);
  const proc: ChildProcess = spawn(
    weed,
    [
      "mini",
      `-dir=${dataDir}`,
      "-ip=127.0.0.1",
      "-ip.bind=127.0.0.1",
      `-s3.port=${s3Port}`,
      ...ports,
      "-s3.port.iceberg=0",
      "-s3.port.lance=0",
      "-admin.port.legacy=0",
      "-admin.ui=false",
      "-webdav=false",
      "-master.telemetry=false",
      `-bucket=${bucket}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, S3_BUCKET: bucket } },
  );
  let output = "";
  const keep = (chunk: unknown) => {
    output = (output + String(chunk)).slice(-20_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  const env: S3Settings = {
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_BUCKET: bucket,
    S3_REGION: "us-east-1",
    // With no identities configured SeaweedFS accepts any key; these only have to be well-formed.
    S3_ACCESS_KEY_ID: "burrow",
    S3_SECRET_ACCESS_KEY: "burrow-local-secret",
  };
  try {
    await waitForBucket(env, proc);
  } catch (e) {
    await stop();
    throw new Error(`SeaweedFS did not start: ${(e as Error).message}\n${output}`);
  }
  console.log(
    `[services] SeaweedFS S3 on ${env.S3_ENDPOINT}, bucket ${bucket} (${persistent ? dataDir : "temporary data"})`,
  );
  return { env, stop };
}

/** Until the gateway answers for the bucket `-bucket` creates (it takes ~25 s on a busy machine). */
async function waitForBucket(env: S3Settings, proc: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const client = s3Client(env);
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  try {
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`weed exited with code ${proc.exitCode}`);
      try {
        await client.send(new HeadBucketCommand({ Bucket: env.S3_BUCKET }));
        return;
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error(`bucket ${env.S3_BUCKET} not ready within ${timeoutMs} ms: ${(last as Error)?.message}`);
  } finally {
    client.destroy();
  }
}
