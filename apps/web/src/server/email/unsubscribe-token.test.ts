import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  signUnsubscribeToken,
  UNSUBSCRIBE_TTL_SECONDS,
  unsubscribeLinks,
  verifyUnsubscribeLink,
} from "./unsubscribe-token";

const SECRET = "s".repeat(32);
const NOW = new Date("2027-01-10T12:00:00Z");
const target = { userId: "cm0user00000000000000001", kind: "booking.accepted" as const };
const query = async (overrides: Record<string, string> = {}) => ({
  u: target.userId,
  k: target.kind,
  t: await signUnsubscribeToken(target, SECRET, NOW),
  ...overrides,
});

describe("unsubscribe links", () => {
  it("accept their own user and kind until they expire", async () => {
    expect(await verifyUnsubscribeLink(await query(), SECRET, NOW)).toEqual({ ok: true, target });
    const lastSecond = new Date(NOW.getTime() + (UNSUBSCRIBE_TTL_SECONDS - 1) * 1000);
    expect((await verifyUnsubscribeLink(await query(), SECRET, lastSecond)).ok).toBe(true);
  });

  it("refuse an expired token", async () => {
    const after = new Date(NOW.getTime() + UNSUBSCRIBE_TTL_SECONDS * 1000);
    expect(await verifyUnsubscribeLink(await query(), SECRET, after)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse a tampered token: a changed payload or another secret", async () => {
    const { t } = await query();
    const [header, , signature] = t.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "someone-else", kind: target.kind, aud: "burrow:unsubscribe" }),
    ).toString("base64url");
    expect(await verifyUnsubscribeLink(await query({ t: `${header}.${forged}.${signature}` }), SECRET, NOW)).toEqual({
      ok: false,
      reason: "tampered",
    });
    expect(await verifyUnsubscribeLink(await query(), "x".repeat(32), NOW)).toEqual({ ok: false, reason: "tampered" });
    // Signed with the right secret but not an unsubscribe token (another audience).
    const other = await new SignJWT({ kind: target.kind })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(target.userId)
      .setAudience("web")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyUnsubscribeLink(await query({ t: other }), SECRET, new Date())).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("refuse a token used for another user or another kind", async () => {
    expect(await verifyUnsubscribeLink(await query({ u: "cm0user00000000000000002" }), SECRET, NOW)).toEqual({
      ok: false,
      reason: "wrong-user",
    });
    expect(await verifyUnsubscribeLink(await query({ k: "booking.declined" }), SECRET, NOW)).toEqual({
      ok: false,
      reason: "wrong-kind",
    });
  });

  it("refuse garbled queries without throwing", async () => {
    for (const bad of [
      {},
      { u: target.userId, k: target.kind },
      await query({ k: "newsletter" }),
      await query({ t: "not-a-jwt" }),
      await query({ t: "a.b.c" }),
      await query({ t: `${"a".repeat(600)}.${"b".repeat(600)}.c` }),
      await query({ u: "" }),
      { u: ["a", "b"], k: target.kind, t: "a.b.c" },
    ]) {
      expect(await verifyUnsubscribeLink(bad, SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("build the confirm page and the one-click URLs on web's origin", async () => {
    const links = await unsubscribeLinks(new URL("https://burrow.example"), target, SECRET, NOW);
    const page = new URL(links.page);
    expect(page.origin + page.pathname).toBe("https://burrow.example/email/unsubscribe");
    expect(new URL(links.oneClick).pathname).toBe("/api/email/unsubscribe");
    expect(await verifyUnsubscribeLink(Object.fromEntries(page.searchParams), SECRET, NOW)).toEqual({
      ok: true,
      target,
    });
  });
});
