import { z } from "zod";

/** DATABASE_URL's rule, for every package that reads it. */
export const DatabaseUrl = z
  .string({ error: "DATABASE_URL is not set (postgresql://user:password@host:port/database)" })
  .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL");

/** An on/off variable: 1/true/yes/on or 0/false/no/off (any case); unset is off. */
export const flag = () => z.stringbool({ error: "use 1/true/yes/on or 0/false/no/off" }).default(false);

/** Comma-separated postgresql:// URLs of streaming replicas; each entry is checked on its own. */
const ReplicaUrls = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const urls = (value ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean);
    urls.forEach((url, i) => {
      let ok = /^postgres(ql)?:\/\//.test(url);
      try {
        ok &&= Boolean(new URL(url).hostname);
      } catch {
        ok = false;
      }
      if (!ok) ctx.addIssue({ code: "custom", message: `entry ${i + 1} is not a postgresql://host/database URL` });
    });
    return urls;
  });

const DbEnv = z.object({
  DATABASE_URL: DatabaseUrl,
  /** Streaming replicas for anonymous reads (search, listing pages, profiles); none by default. */
  DATABASE_REPLICA_URLS: ReplicaUrls,
  /** A replica further behind the primary than this is skipped until it catches up. */
  REPLICA_MAX_LAG_SECONDS: z.coerce
    .number<string | undefined>({ error: "REPLICA_MAX_LAG_SECONDS must be a number of seconds" })
    .min(0, { error: "REPLICA_MAX_LAG_SECONDS must be between 0 and 3600" })
    .max(3600, { error: "REPLICA_MAX_LAG_SECONDS must be between 0 and 3600" })
    .default(10),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * A direct connection (not through PgBouncer) for what needs a session: LISTEN for live messages.
   * Unset: DATABASE_URL, which then must not point at a transaction pooler.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_DIRECT_URL must be a postgresql:// URL")
    .optional(),
  /**
   * The search runs as named prepared statements (planned once per connection). Behind a pooler in
   * transaction mode that cannot track them (PgBouncer before 1.21, or without max_prepared_statements),
   * turn this on: every statement is then sent unnamed.
   */
  DATABASE_UNNAMED_STATEMENTS: flag(),
});
export type DbEnv = z.infer<typeof DbEnv>;

/** Parses the database env once; throws a message naming each bad variable. */
export function parseDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = DbEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`@burrow/db: invalid environment\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The schema `?schema=` names (Prisma's convention), `public` otherwise; pg gets the URL without it. */
export function splitDatabaseUrl(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") || "public";
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

const ToolEnv = z.object({
  /** The CLIs print stacks instead of one-line messages. */
  BURROW_DEBUG: flag(),
  /** Prisma's own switch, honoured by our applier as by `prisma migrate deploy`. */
  PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: flag(),
  NODE_ENV: z.string().optional(),
});
export type ToolEnv = z.infer<typeof ToolEnv>;

/** The flags the CLIs, applier and seed read; all optional, so only a malformed flag throws. */
export function parseToolEnv(source: Record<string, string | undefined> = process.env): ToolEnv {
  const parsed = ToolEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment\n${lines.join("\n")}`);
  }
  return parsed.data;
}
