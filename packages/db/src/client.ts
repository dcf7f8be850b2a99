import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseDbEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";
import { currentLsn, ReplicaSet } from "./replicas/replica-set";

export type Db = PrismaClient;

// The node-postgres pool under each client made here (the adapter does not expose it); kept on
// globalThis like the client below, so it survives development hot reloads with it.
const globalForPools = globalThis as unknown as {
  burrowPools?: WeakMap<PrismaClient, pg.Pool>;
  burrowUnnamedPools?: WeakSet<pg.Pool>;
};
globalForPools.burrowPools ??= new WeakMap();
const pools = globalForPools.burrowPools;
/** Pools that must not use named prepared statements (DATABASE_UNNAMED_STATEMENTS). */
globalForPools.burrowUnnamedPools ??= new WeakSet();
const unnamedPools = globalForPools.burrowUnnamedPools;

/**
 * A client on the node-postgres driver adapter; tests and scripts make their own with a URL.
 * `unnamedStatements`: preparedQuery() sends its statements unnamed (behind PgBouncer < 1.21).
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10, unnamedStatements = false): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  if (unnamedStatements) unnamedPools.add(pool);
  // An idle connection the server closes (restart, idle timeout, DROP DATABASE … FORCE) leaves the pool
  // and the next query opens another; unheard, the pool's 'error' event would end the process. The
  // adapter listens only once Prisma connects, and queries through poolOf may come first (or alone).
  pool.on("error", () => {});
  // disposeExternalPool: $disconnect() ends the pool, as it did when the adapter made its own.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

// One client per process; in development it survives hot reloads on globalThis.
const globalForPrisma = globalThis as unknown as { burrowPrisma?: PrismaClient };

function singleton(): PrismaClient {
  if (!globalForPrisma.burrowPrisma) {
    const env = parseDbEnv();
    globalForPrisma.burrowPrisma = createPrismaClient(
      env.DATABASE_URL,
      env.DATABASE_POOL_SIZE,
      env.DATABASE_UNNAMED_STATEMENTS,
    );
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

/**
 * The connection pool `db` runs on, for the one hot path (accepting a stay) where Prisma's query
 * layer costs more than the statement itself: bookings/accept-sql.ts calls it directly. Same pool,
 * so no extra connections.
 */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db === prisma ? singleton() : db);
  if (!pool) throw new Error("poolOf: the client was not made by createPrismaClient");
  return pool;
}

// The process's replicas, like the client: on globalThis, made on first use.
const globalForReplicas = globalThis as unknown as { burrowReplicas?: ReplicaSet | null };

/**
 * The streaming replicas of DATABASE_REPLICA_URLS behind the process-wide client, probed every second
 * (REPLICA_MAX_LAG_SECONDS); null when none are configured. Only reads of the app's own client use them.
 */
export function replicaSet(db: PrismaClient = prisma): ReplicaSet | null {
  if (db !== prisma) return null;
  if (globalForReplicas.burrowReplicas === undefined) {
    const env = parseDbEnv();
    const replicas =
      env.DATABASE_REPLICA_URLS.length === 0
        ? null
        : new ReplicaSet({
            primary: poolOf(prisma),
            urls: env.DATABASE_REPLICA_URLS,
            maxLagSeconds: env.REPLICA_MAX_LAG_SECONDS,
            poolSize: env.DATABASE_POOL_SIZE,
          });
    replicas?.start();
    globalForReplicas.burrowReplicas = replicas;
  }
  return globalForReplicas.burrowReplicas;
}

// A Prisma client on each replica's pool (the pool ReplicaSet probes and reads on: no extra connections),
// made on first use. @prisma/extension-read-replicas is not used: it picks a replica at random for every
// read of the client it extends, with no notion of lag, of a session's last write or of a replica that is
// down (its read then fails); all of that is ReplicaSet's, so the Prisma reads go through it too.
const globalForReplicaClients = globalThis as unknown as { burrowReplicaClients?: WeakMap<pg.Pool, PrismaClient> };
globalForReplicaClients.burrowReplicaClients ??= new WeakMap();
const replicaClients = globalForReplicaClients.burrowReplicaClients;

function clientOn(pool: pg.Pool): PrismaClient {
  let client = replicaClients.get(pool);
  if (!client) {
    // The pool stays ReplicaSet's: close() ends it.
    client = new PrismaClient({ adapter: new PrismaPg(pool) });
    replicaClients.set(pool, client);
  }
  return client;
}

/**
 * `read` with a client on a replica of `db` that has replayed `minLsn` (the reader's last write, see
 * @burrow/auth/read-your-writes), or with `db` itself: always when `db` is not the process-wide client
 * or no replica fits. A read that fails on a replica runs again on the primary. For reads that may be
 * slightly behind (anonymous pages); the repositories decide which of theirs are.
 */
export function replicaRead<T>(db: PrismaClient, minLsn: string | null, read: (db: PrismaClient) => Promise<T>) {
  const replicas = replicaSet(db);
  if (!replicas) return read(db);
  const primary = poolOf(db);
  return replicas.use((pool) => read(pool === primary ? db : clientOn(pool)), minLsn);
}

/** The primary's WAL position now: what a reader who just wrote must find replayed on a replica. */
export function writePosition(db: PrismaClient = prisma): Promise<string> {
  return currentLsn(poolOf(db));
}

// One name per distinct SQL text. Callers build their text from a bounded set of shapes (the values are
// parameters), so this map and each connection's set of prepared statements stay small.
const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (!name) {
    name = `burrow_${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`;
    statementNames.set(text, name);
  }
  return name;
};

/**
 * `text` as a named prepared statement for `db`'s pools (its replicas' too): each connection parses
 * and plans it once, and after five executions PostgreSQL may keep its generic plan (plan_cache_mode
 * auto), so a hot statement skips planning. Unnamed when the client was made with unnamedStatements.
 */
export function preparedStatement(db: PrismaClient, text: string, values: unknown[]): pg.QueryConfig {
  return unnamedPools.has(poolOf(db)) ? { text, values } : { name: statementName(text), text, values };
}
