import { PrismaPg } from "@prisma/adapter-pg";
import { parseDbEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

/** A client on the node-postgres driver adapter; tests and scripts make their own with a URL. */
export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}

// One client per process; in development it survives hot reloads on globalThis.
const globalForPrisma = globalThis as unknown as { burrowPrisma?: PrismaClient };

function singleton(): PrismaClient {
  if (!globalForPrisma.burrowPrisma) {
    const env = parseDbEnv();
    globalForPrisma.burrowPrisma = createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForPrisma.burrowPrisma;
}

/**
 * The process-wide client. Created on first use, so importing @burrow/db (e.g. while Next
 * collects page configs at build time) needs no database; the first query validates the env.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = singleton();
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
