import { z } from "zod";

const ServiceAuthEnv = z.object({
  SERVICE_TOKEN_SECRET: z
    .string({ error: "SERVICE_TOKEN_SECRET is not set (generate one: openssl rand -base64 32)" })
    .min(32, "SERVICE_TOKEN_SECRET must be at least 32 characters (generate one: openssl rand -base64 32)"),
});
export type ServiceAuthEnv = z.infer<typeof ServiceAuthEnv>;

/** Parses the service-token env; throws a message naming the bad variable. */
export function parseServiceAuthEnv(source: Record<string, string | undefined> = process.env): ServiceAuthEnv {
  const parsed = ServiceAuthEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`@burrow/service-auth: invalid environment\n${lines.join("\n")}`);
  }
  return parsed.data;
}
