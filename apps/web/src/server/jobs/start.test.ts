// checkReplicas() runs before web serves anything (instrumentation.ts): a malformed DATABASE_REPLICA_URLS
// stops the process with a message naming the variable and the entry; no replicas configured, it starts.
import { log } from "@burrow/observability/log";
import { afterEach, expect, it, vi } from "vitest";
import { checkReplicas } from "./start";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function watchStart() {
  const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
  const fatal = vi.spyOn(log, "fatal").mockImplementation((() => undefined) as never);
  return { exit, fatal };
}

it("refuses to start on a malformed replica URL, naming DATABASE_REPLICA_URLS and the entry", async () => {
  vi.stubEnv("DATABASE_URL", "postgresql://burrow@localhost:5432/burrow");
  vi.stubEnv("DATABASE_REPLICA_URLS", "postgresql://burrow@replica-1:5432/burrow, replica-2:5432");
  const { exit, fatal } = watchStart();
  await checkReplicas();
  expect(exit).toHaveBeenCalledWith(1);
  const [fields, message] = fatal.mock.calls[0] as unknown as [{ err: Error }, string];
  expect(message).toBe("refusing to start");
  expect(fields.err.message).toMatch(/DATABASE_REPLICA_URLS: entry 2 is not a postgresql:\/\/host\/database URL/);
});

it("starts without replicas", async () => {
  vi.stubEnv("DATABASE_URL", "postgresql://burrow@localhost:5432/burrow");
  vi.stubEnv("DATABASE_REPLICA_URLS", "");
  const { exit } = watchStart();
  await checkReplicas();
  expect(exit).not.toHaveBeenCalled();
});
