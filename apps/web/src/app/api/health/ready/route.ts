// Readiness: PostgreSQL answers, the database has this build's newest migration, MongoDB answers
// a ping, and the process is not shutting down. 503 with each check's status when any fails.
import { type Check, readyResponse } from "@burrow/db";
import { shutdownCheck } from "@burrow/http/lifecycle";
import { migrationLevel } from "../../../../env";
import { connectMongo } from "../../../../server/mongo/connection";

export const dynamic = "force-dynamic";

const mongoCheck: Check = async () => {
  const { db } = (await connectMongo()).connection;
  if (!db) return { ok: false, error: "not connected" };
  await db.admin().ping();
  return { ok: true };
};

export async function GET(): Promise<Response> {
  return readyResponse(migrationLevel(), { mongo: mongoCheck, shutdown: shutdownCheck });
}
