// Readiness: PostgreSQL answers, the database has this build's newest migration, and the outbox
// backlog (reported, never a reason for 503: pulling pets out of rotation would not deliver it).
import { type Check, migrationLevelCheck, outboxCheck, postgresCheck, readiness, readinessResponse } from "@burrow/db";
import { migrationLevel } from "../../../../env";

export const dynamic = "force-dynamic";

const unknownLevel: Check = async () => ({ ok: false, error: "this build does not know its migration level" });

export async function GET(): Promise<Response> {
  const level = migrationLevel();
  return readinessResponse(
    await readiness({
      postgres: postgresCheck(),
      migrations: level ? migrationLevelCheck(level) : unknownLevel,
      outbox: outboxCheck(),
    }),
  );
}
