// What must never reach a log line or a span attribute: e-mail addresses, cookies, tokens, secrets.
// Keys are judged by name (any depth), strings by content, so a message or an error that quotes a
// value (a Prisma error with the row, a URL with ?token=) is cleaned as well.

const SECRET_KEY = /e-?mail|identifier|cookie|token|secret|password|passwd|authorization|api[-_]?key|credential/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const SECRET_PARAM =
  /\b((?:[\w-]*token|[\w-]*secret|password|code|callbackUrl|authjs\.[\w.-]+|__Secure-[\w.-]+|__Host-[\w.-]+)=)[^&\s;,"']+/gi;
const BEARER = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export const REDACTED = "[redacted]";

/** A string with e-mail addresses, bearer/basic credentials, JWTs and `token=…`-style values replaced. */
export function redactText(text: string): string {
  return text
    .replace(EMAIL, "[email]")
    .replace(JWT, "[jwt]")
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** A copy of `value` safe to log: secret-named keys blanked, strings cleaned, errors flattened. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[deep]";
  if (value instanceof Error) {
    const cause = value.cause === undefined ? {} : { cause: redact(value.cause, depth + 1) };
    const code = "code" in value && typeof value.code === "string" ? { code: value.code } : {};
    return {
      type: value.name,
      message: redactText(value.message),
      stack: redactText(value.stack ?? ""),
      ...code,
      ...cause,
    };
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
