// Readiness: PostgreSQL answers, the database has this build's newest migration, and the outbox
// backlog (reported, never a reason for 503: pulling pets out of rotation would not deliver it); 503
// once the process is shutting down.
import { outboxCheck, readyResponse } from "@burrow/db";
import { shutdownCheck } from "@burrow/http/lifecycle";
import { migrationLevel } from "../../../../env";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return readyResponse(migrationLevel(), { outbox: outboxCheck(), shutdown: shutdownCheck });
}
