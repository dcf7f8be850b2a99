import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { parseServiceAuthEnv } from "./env";
import { signServiceToken, verifyServiceToken } from "./tokens";

const secret = "service-token-secret-for-unit-tests-0123456789";
const now = new Date("2026-11-28T12:00:00Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const opts = { secret, now };

/** A token signed with `secret` whose claims the caller controls fully, bypassing signServiceToken's checks. */
const handMade = (claims: { iss?: string; aud?: string; iat?: number; exp?: number }, alg = "HS256") =>
  new SignJWT({ ...claims }).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
const epoch = Math.floor(now.getTime() / 1000);

describe("service tokens", () => {
  it("accepts a token from web for pets and carries the subject", async () => {
    const token = await signServiceToken({ issuer: "web", audience: "pets", subject: "admin-1", ttlSeconds: 30 }, opts);
    expect(await verifyServiceToken(token, "pets", opts)).toEqual({
      ok: true,
      claims: { issuer: "web", audience: "pets", subject: "admin-1", expiresAt: later(30) },
    });
    const fromPets = await signServiceToken({ issuer: "pets", audience: "web" }, opts);
    expect(await verifyServiceToken(fromPets, "web", opts)).toMatchObject({ ok: true, claims: { subject: null } });
  });

  it("rejects a missing token", async () => {
    expect(await verifyServiceToken(undefined, "pets", opts)).toEqual({ ok: false, reason: "missing" });
    expect(await verifyServiceToken("", "pets", opts)).toEqual({ ok: false, reason: "missing" });
  });

  it("rejects an expired token, allowing 5 s of clock skew", async () => {
    const token = await signServiceToken({ issuer: "web", audience: "pets", ttlSeconds: 10 }, opts);
    expect((await verifyServiceToken(token, "pets", { secret, now: later(14) })).ok).toBe(true);
    expect(await verifyServiceToken(token, "pets", { secret, now: later(16) })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("rejects a token for the other audience", async () => {
    const token = await signServiceToken({ issuer: "pets", audience: "web" }, opts);
    expect(await verifyServiceToken(token, "pets", opts)).toEqual({ ok: false, reason: "wrong-audience" });
  });

  it("rejects an issuer other than the calling app", async () => {
    const self = await handMade({ iss: "pets", aud: "pets", iat: epoch, exp: epoch + 30 });
    expect(await verifyServiceToken(self, "pets", opts)).toEqual({ ok: false, reason: "wrong-issuer" });
    const stranger = await handMade({ iss: "mallory", aud: "pets", iat: epoch, exp: epoch + 30 });
    expect(await verifyServiceToken(stranger, "pets", opts)).toEqual({ ok: false, reason: "wrong-issuer" });
  });

  it("rejects a tampered payload and a token signed with another secret", async () => {
    const token = await signServiceToken({ issuer: "web", audience: "pets", subject: "user-1" }, opts);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "admin-1" })).toString("base64url");
    expect(await verifyServiceToken(`${header}.${forged}.${signature}`, "pets", opts)).toEqual({
      ok: false,
      reason: "tampered",
    });
    expect(await verifyServiceToken(token, "pets", { ...opts, secret: `${secret}-other` })).toEqual({
      ok: false,
      reason: "tampered",
    });
  });

  it("rejects garbage, unsigned tokens and tokens without an expiry", async () => {
    expect(await verifyServiceToken("not.a.jwt", "pets", opts)).toEqual({ ok: false, reason: "malformed" });
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const body = Buffer.from(JSON.stringify({ iss: "web", aud: "pets", iat: epoch, exp: epoch + 30 })).toString(
      "base64url",
    );
    expect(await verifyServiceToken(`${header}.${body}.`, "pets", opts)).toEqual({ ok: false, reason: "malformed" });
    const noExpiry = await handMade({ iss: "web", aud: "pets", iat: epoch });
    expect(await verifyServiceToken(noExpiry, "pets", opts)).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects a validly signed token that lives longer than 60 s", async () => {
    const token = await handMade({ iss: "web", aud: "pets", iat: epoch, exp: epoch + 3600 });
    expect(await verifyServiceToken(token, "pets", opts)).toEqual({ ok: false, reason: "too-long-lived" });
    // 60 s of life, but "issued" an hour from now: it would be valid for the next hour.
    const future = await handMade({ iss: "web", aud: "pets", iat: epoch + 3600, exp: epoch + 3660 });
    expect(await verifyServiceToken(future, "pets", opts)).toEqual({ ok: false, reason: "too-long-lived" });
  });

  it("refuses to sign long-lived, self-addressed or unknown-service tokens", async () => {
    await expect(signServiceToken({ issuer: "web", audience: "pets", ttlSeconds: 61 }, opts)).rejects.toThrow();
    await expect(signServiceToken({ issuer: "web", audience: "web" }, opts)).rejects.toThrow(/other app/);
    await expect(signServiceToken({ issuer: "mallory" as "web", audience: "pets" }, opts)).rejects.toThrow();
  });
});

describe("parseServiceAuthEnv", () => {
  it("requires a secret of at least 32 characters", () => {
    expect(() => parseServiceAuthEnv({})).toThrow(/SERVICE_TOKEN_SECRET is not set/);
    expect(() => parseServiceAuthEnv({ SERVICE_TOKEN_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(parseServiceAuthEnv({ SERVICE_TOKEN_SECRET: secret }).SERVICE_TOKEN_SECRET).toBe(secret);
  });
});
