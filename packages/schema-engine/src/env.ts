import { z } from "zod";

const Env = z.object({
  /** `auto` (default): the native engine when Prisma has it or can download it, else WebAssembly. */
  BURROW_SCHEMA_ENGINE: z
    .enum(["auto", "native", "wasm"], { error: "BURROW_SCHEMA_ENGINE must be auto, native or wasm" })
    .default("auto"),
  /** Set by the user: an engine of their own, used as it is. */
  PRISMA_SCHEMA_ENGINE_BINARY: z.string().min(1).optional(),
  /** Prisma's download mirror, probed instead of its CDN when set. */
  PRISMA_ENGINES_MIRROR: z.url({ error: "PRISMA_ENGINES_MIRROR must be a URL" }).optional(),
  XDG_CACHE_HOME: z.string().optional(),
  HOME: z.string().optional(),
});
export type EngineEnv = z.infer<typeof Env>;

/** Parses the launcher's variables once; throws one line naming each bad one. */
export function parseEngineEnv(source: Record<string, string | undefined> = process.env): EngineEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}
