import { traceMongoCommands } from "@burrow/observability/mongo";
import mongoose from "mongoose";
import { env } from "../../env";

// On globalThis so dev hot reloads reuse the connection instead of opening one per reload.
const cache = globalThis as unknown as { burrowMongo?: Promise<typeof mongoose> };

/** The process-wide Mongoose connection; concurrent callers share one connect attempt. */
export function connectMongo(): Promise<typeof mongoose> {
  cache.burrowMongo ??= open().catch((error: unknown) => {
    // A failed attempt is not cached, so the next request tries again.
    cache.burrowMongo = undefined;
    throw error;
  });
  return cache.burrowMongo;
}

class MongoUnavailableError extends Error {}

/** MongoDB cannot be reached: connecting failed, or the connected server stopped answering. */
export function isMongoUnavailable(error: unknown): boolean {
  const { MongoNetworkError, MongoServerSelectionError } = mongoose.mongo;
  return (
    error instanceof MongoUnavailableError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError
  );
}

export async function disconnectMongo(): Promise<void> {
  cache.burrowMongo = undefined;
  await mongoose.disconnect();
}

async function open(): Promise<typeof mongoose> {
  const uri = env("MONGODB_URI");
  try {
    const connected = await mongoose.connect(uri, {
      // Fail fast instead of queueing queries while MongoDB is down.
      bufferCommands: false,
      serverSelectionTimeoutMS: 3000,
      // Collections come from their indexes (autoIndex) or the first write. Mongoose's own `create` of
      // each model's collection is answered NamespaceExists once it exists: ignored by Mongoose, but a
      // failed command, so every process start counted MongoDB errors in the service-call metrics.
      autoCreate: false,
      // Command events: each command becomes a span and a "mongodb" service call.
      monitorCommands: true,
    });
    traceMongoCommands(connected.connection.getClient());
    return connected;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = uri.replace(/\/\/[^@/]*@/, "//***@");
    throw new MongoUnavailableError(`Cannot reach MongoDB at MONGODB_URI=${where}: ${reason}`, { cause: error });
  }
}
