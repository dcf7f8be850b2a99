import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env", () => {
  it("defaults WEB_URL to the local web app", () => {
    vi.stubEnv("WEB_URL", undefined);
    expect(env("WEB_URL").href).toBe("http://localhost:3000/");
  });

  it("rejects a relative WEB_URL by @burrow/auth's rule", () => {
    vi.stubEnv("WEB_URL", "/web");
    expect(() => env("WEB_URL")).toThrow("WEB_URL must be an absolute http(s) URL");
  });

  it("sweeps every 60 s unless SWEEP_INTERVAL_SECONDS says otherwise", () => {
    vi.stubEnv("SWEEP_INTERVAL_SECONDS", undefined);
    expect(env("SWEEP_INTERVAL_SECONDS")).toBe(60);
    vi.stubEnv("SWEEP_INTERVAL_SECONDS", "5");
    expect(env("SWEEP_INTERVAL_SECONDS")).toBe(5);
  });

  it.each(["0", "1.5", "soon", "86400"])("rejects SWEEP_INTERVAL_SECONDS=%s", (value) => {
    vi.stubEnv("SWEEP_INTERVAL_SECONDS", value);
    expect(() => env("SWEEP_INTERVAL_SECONDS")).toThrow(/SWEEP_INTERVAL_SECONDS must be/);
  });

  it("waits 1 s between idle outbox rounds unless OUTBOX_IDLE_MS says otherwise", () => {
    vi.stubEnv("OUTBOX_IDLE_MS", undefined);
    expect(env("OUTBOX_IDLE_MS")).toBe(1_000);
    vi.stubEnv("OUTBOX_IDLE_MS", "250");
    expect(env("OUTBOX_IDLE_MS")).toBe(250);
    vi.stubEnv("OUTBOX_IDLE_MS", "10");
    expect(() => env("OUTBOX_IDLE_MS")).toThrow(/OUTBOX_IDLE_MS must be between/);
  });
});
