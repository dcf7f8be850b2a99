// Short-lived HS256 JWTs that one Burrow app sends to the other's /api/internal/* routes in
// `x-service-token`: issuer = the calling app, audience = the called app, at most 60 s of life.
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { parseServiceAuthEnv } from "./env";

export const SERVICES = ["web", "pets"] as const;
export type Service = (typeof SERVICES)[number];

/** Longest life a token may have, when signed and when verified. */
export const MAX_TTL_SECONDS = 60;
/** Clock skew tolerated between the two apps' hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;
const ALGORITHM = "HS256";

const SignInput = z
  .object({
    issuer: z.enum(SERVICES),
    audience: z.enum(SERVICES),
    /** Who the call acts for, e.g. the admin hiding a listing. */
    subject: z.string().trim().min(1).max(200).optional(),
    ttlSeconds: z.int().min(1).max(MAX_TTL_SECONDS).default(MAX_TTL_SECONDS),
  })
  .refine((v) => v.issuer !== v.audience, { error: "a service token goes to the other app", path: ["audience"] });
export type SignServiceTokenInput = z.input<typeof SignInput>;

export interface ServiceTokenClaims {
  issuer: Service;
  audience: Service;
  subject: string | null;
  expiresAt: Date;
}

export type ServiceTokenFailure =
  | "missing"
  | "malformed"
  | "tampered"
  | "expired"
  | "too-long-lived"
  | "wrong-audience"
  | "wrong-issuer";

export type VerifyResult = { ok: true; claims: ServiceTokenClaims } | { ok: false; reason: ServiceTokenFailure };

export interface TokenOptions {
  /** Defaults to SERVICE_TOKEN_SECRET, validated on first use. */
  secret?: string;
  /** The clock; tests move it. */
  now?: Date;
}

const keyOf = (secret: string | undefined) =>
  new TextEncoder().encode(secret ?? parseServiceAuthEnv().SERVICE_TOKEN_SECRET);

/** Signs a token for one call; throws on input a caller cannot mean (a programming error). */
export async function signServiceToken(input: SignServiceTokenInput, options: TokenOptions = {}): Promise<string> {
  const { issuer, audience, subject, ttlSeconds } = SignInput.parse(input);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds);
  if (subject) jwt.setSubject(subject);
  return jwt.sign(keyOf(options.secret));
}

/** The app other than `audience`: the only one allowed to call it. */
const callerOf = (audience: Service): Service => (audience === "web" ? "pets" : "web");

/** Checks signature, algorithm, issuer, audience and a life of at most MAX_TTL_SECONDS. */
export async function verifyServiceToken(
  token: string | null | undefined,
  audience: Service,
  options: TokenOptions = {},
): Promise<VerifyResult> {
  if (!token) return { ok: false, reason: "missing" };
  const key = keyOf(options.secret);
  const now = options.now ?? new Date();
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience,
      requiredClaims: ["iat", "exp"],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    // Checked after the audience, so a token meant for the other app says so.
    if (payload.iss !== callerOf(audience)) return { ok: false, reason: "wrong-issuer" };
    const exp = payload.exp as number;
    // Both bounds: a token "issued" in the future would otherwise stay valid until long after now + 60 s.
    const lifetime = exp - (payload.iat as number);
    const remaining = exp - now.getTime() / 1000;
    if (lifetime > MAX_TTL_SECONDS || remaining > MAX_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      return { ok: false, reason: "too-long-lived" };
    }
    return {
      ok: true,
      claims: { issuer: callerOf(audience), audience, subject: payload.sub ?? null, expiresAt: new Date(exp * 1000) },
    };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): ServiceTokenFailure {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "tampered";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") return "wrong-audience";
  if (error instanceof errors.JOSEError) return "malformed";
  throw error;
}
