// web's admin hides or shows a listing: POST { hidden } with a service token from web whose
// subject is the acting admin. Pets checks the admin itself and records who did it.
import { isAdmin } from "@burrow/auth";
import { adminEmails } from "@burrow/auth/env";
import { listingVisibilityRepository, userRepository } from "@burrow/db";
import { withServiceToken } from "@burrow/service-auth";
import { setListingVisibility } from "@burrow/service-auth/pets-api";
import { z } from "zod";

type Context = { params: Promise<{ id: string }> };

/** The token's subject is an admin now, by the session's rule. */
async function isAdminNow(userId: string): Promise<boolean> {
  const user = await userRepository().findById(userId);
  return user !== null && isAdmin(user, adminEmails());
}

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = withServiceToken<Context>("pets", async (request, { params, service }) => {
  const adminId = service.subject;
  if (!adminId || !(await isAdminNow(adminId))) {
    return json({ error: "The service token's subject must be an admin user." }, 403);
  }
  const body = await request.json().catch(() => undefined);
  const parsed = setListingVisibility.body.safeParse(body);
  if (!parsed.success) {
    return json({ error: "Send { hidden: boolean }.", fieldErrors: z.flattenError(parsed.error).fieldErrors }, 400);
  }
  const { id } = await params;
  const visibility = listingVisibilityRepository();
  const result = parsed.data.hidden ? await visibility.hide(id, adminId) : await visibility.unhide(id, adminId);
  if (!result.ok) {
    const status = result.code === "NOT_FOUND" ? 404 : 400;
    return json({ error: result.message, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) }, status);
  }
  const { listing, changed } = result;
  const answer: z.input<typeof setListingVisibility.response> = {
    listing: { id: listing.id, hiddenAt: listing.hiddenAt?.toISOString() ?? null, hiddenBy: listing.hiddenBy },
    changed,
  };
  return json(answer, 200);
});
