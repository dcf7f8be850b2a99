import { z } from "zod";

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

const httpUrl = (name: string, fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an absolute http(s) URL` })
    .default(fallback)
    .transform((v) => new URL(v));

/** Where each app is served; both apps and @burrow/auth read them through this one rule. */
export const appUrls = {
  WEB_URL: httpUrl("WEB_URL", "http://localhost:3000"),
  PETS_URL: httpUrl("PETS_URL", "http://localhost:3001"),
};

const EmailAddress = z.email();

/** "a@x.example" or "Name <a@x.example>", as nodemailer accepts it. */
const emailFrom = z
  .string({ error: "EMAIL_FROM is not set (e.g. Burrow <no-reply@burrow.example>)" })
  .trim()
  .refine((v) => EmailAddress.safeParse(v.match(/<([^<>]+)>$/)?.[1] ?? v).success, {
    error: "EMAIL_FROM must be an e-mail address or Name <address>",
  });

const AuthEnvSchema = z
  .object({
    AUTH_SECRET: z
      .string({ error: "AUTH_SECRET is not set (generate one: openssl rand -base64 32)" })
      .min(32, "AUTH_SECRET must be at least 32 characters (generate one: openssl rand -base64 32)"),
    EMAIL_SERVER: z
      .string({ error: "EMAIL_SERVER is not set (smtp://user:password@host:port)" })
      .regex(/^smtps?:\/\/[^/\s]+/, "EMAIL_SERVER must be an smtp:// or smtps:// URL"),
    EMAIL_FROM: emailFrom,
    ...appUrls,
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((v, ctx) => {
        const emails = parseAdminEmails(v);
        const bad = emails.filter((e) => !EmailAddress.safeParse(e).success);
        if (bad.length)
          ctx.addIssue({ code: "custom", message: `ADMIN_EMAILS has invalid entries: ${bad.join(", ")}` });
        return emails;
      }),
    AUTH_COOKIE_DOMAIN: optional.pipe(
      z
        .string()
        .regex(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, "AUTH_COOKIE_DOMAIN must be a domain such as .burrow.example")
        .optional(),
    ),
    AUTH_GITHUB_ID: optional,
    AUTH_GITHUB_SECRET: optional,
    AUTH_GOOGLE_ID: optional,
    AUTH_GOOGLE_SECRET: optional,
    // next-auth rewrites every request to AUTH_URL: one value cannot serve two apps.
    AUTH_URL: optional.pipe(
      z.undefined({ error: "AUTH_URL must not be set: each app's URL comes from WEB_URL / PETS_URL" }),
    ),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.WEB_URL.protocol !== env.PETS_URL.protocol) {
      issue("PETS_URL", "WEB_URL and PETS_URL must use the same scheme (both https in production) to share a cookie");
    }
    const domain = env.AUTH_COOKIE_DOMAIN?.replace(/^\./, "").toLowerCase();
    const within = (host: string) => host === domain || host.endsWith(`.${domain}`);
    if (domain) {
      for (const name of ["WEB_URL", "PETS_URL"] as const) {
        if (!within(env[name].hostname)) {
          issue("AUTH_COOKIE_DOMAIN", `AUTH_COOKIE_DOMAIN=${env.AUTH_COOKIE_DOMAIN} does not cover ${name}'s host`);
        }
      }
    } else if (env.WEB_URL.hostname !== env.PETS_URL.hostname) {
      issue(
        "AUTH_COOKIE_DOMAIN",
        `WEB_URL and PETS_URL are on different hosts (${env.WEB_URL.hostname}, ${env.PETS_URL.hostname}): set AUTH_COOKIE_DOMAIN to their common parent domain`,
      );
    }
    for (const provider of ["GITHUB", "GOOGLE"] as const) {
      const id = env[`AUTH_${provider}_ID`];
      const secret = env[`AUTH_${provider}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        issue(`AUTH_${provider}_${id ? "SECRET" : "ID"}`, `set both AUTH_${provider}_ID and AUTH_${provider}_SECRET`);
      }
    }
  });

export type AuthEnv = z.output<typeof AuthEnvSchema>;

/** "A@x.com, b@y.com ,," → ["a@x.com", "b@y.com"]: comma-separated, trimmed, lower-cased. */
export function parseAdminEmails(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Parses the auth env; throws one message naming each bad variable. Called when the first
 * request needs auth, never at import, so `next build` runs without the run-time configuration.
 */
export function parseAuthEnv(source: Record<string, string | undefined> = process.env): AuthEnv {
  const parsed = AuthEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`@burrow/auth: invalid environment\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** ADMIN_EMAILS alone, by the same rule: for code that checks admins without running Auth.js. */
export function adminEmails(source: Record<string, string | undefined> = process.env): string[] {
  const parsed = AuthEnvSchema.shape.ADMIN_EMAILS.safeParse(source.ADMIN_EMAILS);
  if (!parsed.success) throw new Error(`@burrow/auth: invalid environment: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
