import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env", () => {
  it("names a missing variable", () => {
    vi.stubEnv("MONGODB_URI", undefined);
    expect(() => env("MONGODB_URI")).toThrow("MONGODB_URI is not set");
  });

  it("rejects a URL of the wrong kind", () => {
    vi.stubEnv("MONGODB_URI", "postgresql://localhost/burrow");
    expect(() => env("MONGODB_URI")).toThrow("MONGODB_URI must be a mongodb:// URL");
  });

  it("defaults PETS_URL to the local pets app", () => {
    vi.stubEnv("PETS_URL", undefined);
    expect(env("PETS_URL").href).toBe("http://localhost:3001/");
  });

  it("reads the deletion resume interval in whole seconds, 300 by default", () => {
    vi.stubEnv("DELETION_RESUME_INTERVAL_SECONDS", undefined);
    expect(env("DELETION_RESUME_INTERVAL_SECONDS")).toBe(300);
    vi.stubEnv("DELETION_RESUME_INTERVAL_SECONDS", "30");
    expect(env("DELETION_RESUME_INTERVAL_SECONDS")).toBe(30);
    vi.stubEnv("DELETION_RESUME_INTERVAL_SECONDS", "0.5");
    expect(() => env("DELETION_RESUME_INTERVAL_SECONDS")).toThrow("whole number of seconds");
  });

  it("requires an UNSUBSCRIBE_SECRET of 32 characters or more", () => {
    vi.stubEnv("UNSUBSCRIBE_SECRET", undefined);
    expect(() => env("UNSUBSCRIBE_SECRET")).toThrow("UNSUBSCRIBE_SECRET is not set");
    vi.stubEnv("UNSUBSCRIBE_SECRET", "short");
    expect(() => env("UNSUBSCRIBE_SECRET")).toThrow("at least 32 characters");
  });
});
