// PostgreSQL errors that mean "someone else got there first" rather than a bug. Prisma 7 wraps
// the driver adapter's error; the SQLSTATE is in meta.driverAdapterError.cause.originalCode.
// The accept path queries node-postgres directly, whose DatabaseError carries it as `code`.
import pg from "pg";
import { Prisma } from "../generated/prisma/client";

const CONFLICT_STATES = new Set([
  "23P01", // exclusion_violation: bookings_no_overlap, an accepted stay already holds those dates
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

function sqlState(error: unknown): string | undefined {
  if (error instanceof pg.DatabaseError) return error.code;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const adapterError = error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined;
  return adapterError?.cause?.originalCode;
}

/** A lost race: an exclusion violation, serialization failure or deadlock (Prisma's P2034). */
export function isConflict(error: unknown): boolean {
  const state = sqlState(error);
  return (
    (state !== undefined && CONFLICT_STATES.has(state)) ||
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034")
  );
}
