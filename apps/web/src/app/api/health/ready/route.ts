// Readiness: PostgreSQL answers, the database has this build's newest migration, MongoDB answers
// a ping. 503 with each dependency's status when any fails.
import { type Check, migrationLevelCheck, postgresCheck, readiness, readinessResponse } from "@burrow/db";
import { migrationLevel } from "../../../../env";
import { connectMongo } from "../../../../server/mongo/connection";

export const dynamic = "force-dynamic";

const unknownLevel: Check = async () => ({ ok: false, error: "this build does not know its migration level" });

const mongoCheck: Check = async () => {
  const { db } = (await connectMongo()).connection;
  if (!db) return { ok: false, error: "not connected" };
  await db.admin().ping();
  return { ok: true };
};

export async function GET(): Promise<Response> {
  const level = migrationLevel();
  return readinessResponse(
    await readiness({
      postgres: postgresCheck(),
      migrations: level ? migrationLevelCheck(level) : unknownLevel,
      mongo: mongoCheck,
    }),
  );
}
