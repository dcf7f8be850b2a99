// The signed one-click unsubscribe links every e-mail carries: an HS256 JWT (UNSUBSCRIBE_SECRET) naming
// the user and the kind of e-mail, with an expiry. The link's query also names both in the clear
// (u, k), so the confirm page can say what it switches off; the token must match them.
import { type EmailKind, isEmailKind } from "@burrow/events";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/** Links work for half a year: long enough for an old e-mail, short enough that leaked ones die. */
export const UNSUBSCRIBE_TTL_SECONDS = 180 * 24 * 60 * 60;
const AUDIENCE = "burrow:unsubscribe";
const ALGORITHM = "HS256";

export interface UnsubscribeTarget {
  userId: string;
  kind: EmailKind;
}

export type UnsubscribeCheck =
  | { ok: true; target: UnsubscribeTarget }
  | { ok: false; reason: "malformed" | "tampered" | "expired" | "wrong-user" | "wrong-kind" };

/** The link's query: u = user id, k = kind, t = token. Anything else in the URL is ignored. */
export const UnsubscribeQuery = z.object({
  u: z.string().min(1).max(64),
  k: z.string().refine(isEmailKind),
  t: z
    .string()
    .max(1000)
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/),
});

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signUnsubscribeToken(
  { userId, kind }: UnsubscribeTarget,
  secret: string,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ kind })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setAudience(AUDIENCE)
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + UNSUBSCRIBE_TTL_SECONDS)
    .sign(key(secret));
}

/** Checks the link's query: a well-formed, untampered, unexpired token for exactly this user and kind. */
export async function verifyUnsubscribeLink(
  query: Record<string, unknown>,
  secret: string,
  now = new Date(),
): Promise<UnsubscribeCheck> {
  const parsed = UnsubscribeQuery.safeParse(query);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { u, k, t } = parsed.data;
  try {
    const { payload } = await jwtVerify(t, key(secret), {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      requiredClaims: ["sub", "exp"],
      currentDate: now,
    });
    if (payload.sub !== u) return { ok: false, reason: "wrong-user" };
    if (payload.kind !== k) return { ok: false, reason: "wrong-kind" };
    return { ok: true, target: { userId: u, kind: k as EmailKind } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "tampered" };
    if (error instanceof errors.JOSEError) return { ok: false, reason: "malformed" };
    throw error;
  }
}

/** The confirm page (GET, in the e-mail's text) and the RFC 8058 one-click endpoint (POST, in the headers). */
export async function unsubscribeLinks(webUrl: URL, target: UnsubscribeTarget, secret: string, now = new Date()) {
  const query = new URLSearchParams({
    u: target.userId,
    k: target.kind,
    t: await signUnsubscribeToken(target, secret, now),
  });
  return {
    page: new URL(`/email/unsubscribe?${query}`, webUrl).toString(),
    oneClick: new URL(`/api/email/unsubscribe?${query}`, webUrl).toString(),
  };
}
