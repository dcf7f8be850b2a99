// Integration-test harness pieces that need vitest (their own entry point, like ./database).

import { randomBytes } from "node:crypto";
import { type Db, outboxRepository } from "@burrow/db";
import { expect, vi } from "vitest";
import { freePort, launchMongoWire } from "./services";
import { tempDir } from "./temp";

const secret = () => randomBytes(32).toString("base64url");

/**
 * Stubs what the apps' env modules require of a test — fresh random secrets and the test sender —
 * plus `vars` (URLs, EMAIL_SERVER…), which win. Undo with `vi.unstubAllEnvs()`.
 */
export function stubAppEnv(vars: Record<string, string> = {}): void {
  const all = {
    AUTH_SECRET: secret(),
    SERVICE_TOKEN_SECRET: secret(),
    UNSUBSCRIBE_SECRET: secret(),
    EMAIL_FROM: "Burrow <no-reply@burrow.test>",
    ...vars,
  };
  for (const [name, value] of Object.entries(all)) vi.stubEnv(name, value);
}

/**
 * A Mongo-wire server of the test's own, for tests that take it down and bring it back: its folder
 * and port stay the same, so the URI `start()` returns holds across restarts.
 */
export function restartableMongoWire(database: string) {
  const dataDir = tempDir(`burrow-${database}-`);
  let port: number | undefined;
  let stopper: (() => Promise<void>) | undefined;
  return {
    async start(): Promise<string> {
      port ??= await freePort();
      const started = await launchMongoWire({ dataDir, port, database });
      stopper = started.stop;
      return started.uri;
    },
    async stop(): Promise<void> {
      await stopper?.();
      stopper = undefined;
    },
  };
}

/** Waits (up to 30 s) until every outbox event is delivered and none is parked. */
export async function expectOutboxDrained(db: Db): Promise<void> {
  await expect
    .poll(() => outboxRepository(db).stats(), { timeout: 30_000 })
    .toMatchObject({ undelivered: 0, parked: 0 });
}
