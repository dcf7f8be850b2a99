// Web's account-deletion saga asks pets to retire a leaving user: their listings archived, their
// open requests cancelled. Idempotent (the saga may call it again); 409 while an accepted stay exists.
import { retireRepository } from "@burrow/db";
import { withServiceToken } from "@burrow/service-auth";
import { retireUser } from "@burrow/service-auth/pets-api";
import type { z } from "zod";

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
  const answer: z.input<typeof retireUser.response> = { archived: result.archived, cancelled: result.cancelled };
  return json(answer, 200);
});
