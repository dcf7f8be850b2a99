// Web's account-deletion saga asks pets to retire a leaving user: their listings archived (photo
// rows and objects deleted), their open requests cancelled. Idempotent (the saga may call it again);
// 409 while an accepted stay exists.
import { retireRepository } from "@burrow/db";
import { log } from "@burrow/observability/log";
import { withServiceToken } from "@burrow/service-auth";
import { retireUser } from "@burrow/service-auth/pets-api";
import type { z } from "zod";
// Relative, not "@/": tests/account-deletion.int.test.ts imports this route from outside the app.
import { photos } from "../../../../../../server/photos";

type Context = { params: Promise<{ id: string }> };

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = withServiceToken<Context>("pets", async (_request, { params, service }) => {
  const parsed = retireUser.userId.safeParse((await params).id);
  if (!parsed.success) return json({ error: "Malformed user id" }, 400);
  // Only the user's own deletion: web signs the token with the user as its subject.
  if (service.subject !== parsed.data) return json({ error: "The token's subject must be the user retired" }, 403);
  const result = await retireRepository().retireUser(parsed.data);
  if (!result.ok) return json({ error: result.message }, result.code === "CONFLICT" ? 409 : 400);
  // The listings' photo objects too. Unlike a sitter's own removal this waits for storage: a 503
  // fails the saga's step, which is resumed until storage has answered (the rows are gone already).
  try {
    for (const id of result.listingIds) await photos().deleteOwner({ kind: "listing", id });
  } catch (error) {
    log.warn(
      { component: "photos", err: error instanceof Error ? error.message : String(error) },
      "retire: photo deletion failed",
    );
    return json({ error: "Photo storage is unavailable: try again later" }, 503);
  }
  const answer: z.input<typeof retireUser.response> = { archived: result.archived, cancelled: result.cancelled };
  return json(answer, 200);
});
