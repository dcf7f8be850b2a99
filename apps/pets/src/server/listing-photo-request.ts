// The checks both steps of a listing photo upload start with: signed in, a well-formed listing id, a
// body of the step's shape, and the sitter's own listing (someone else's is a 404 before anything of
// the upload is read).
import "server-only";
import { ListingAction } from "@burrow/booking";
import { type Listing, listingRepository } from "@burrow/db";
import { z } from "zod";
import { currentUser } from "@/auth";

export const photoJson = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

type Checked<T> =
  | { ok: true; userId: string; listingId: string; listing: Listing; body: T }
  | { ok: false; response: Response };

export async function ownListingPhotoRequest<T>(
  request: Request,
  params: Promise<{ id: string }>,
  schema: z.ZodType<T>,
  invalidBody: string,
): Promise<Checked<T>> {
  const refuse = (body: object, status: number) => ({ ok: false as const, response: photoJson(body, status) });
  const user = await currentUser();
  if (!user) return refuse({ error: "Sign in to use this endpoint." }, 401);
  const id = ListingAction.shape.listingId.safeParse((await params).id);
  if (!id.success) return refuse({ error: "Malformed listing id" }, 400);
  const body = schema.safeParse(await request.json().catch(() => undefined));
  if (!body.success) return refuse({ error: invalidBody, fieldErrors: z.flattenError(body.error).fieldErrors }, 400);
  const found = await listingRepository().findForSitter(id.data, user.id);
  if (!found.ok) return refuse({ error: found.message }, found.code === "NOT_FOUND" ? 404 : 400);
  return { ok: true, userId: user.id, listingId: id.data, listing: found.listing, body: body.data };
}
