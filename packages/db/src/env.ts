import { z } from "zod";

const DbEnv = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set (postgresql://user:password@host:port/database)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
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
