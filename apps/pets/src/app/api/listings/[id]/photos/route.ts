// Step 2 of a photo upload, after the browser's POST to storage: the upload is checked by its bytes
// and processed (finishUpload), then added to the listing with its alt text. Anything refused
// leaves nothing stored: finishUpload deletes the original, and variants a refused add would
// orphan are deleted here.
import { ListingAction } from "@burrow/booking";
import { listingPhotoRepository, listingRepository, PhotoAlt } from "@burrow/db";
import { HTTP_STATUS } from "@burrow/http/result";
import { sameOriginJson } from "@burrow/http/same-origin";
import { UploadId } from "@burrow/storage";
import { z } from "zod";
import { appUrl, currentUser } from "@/auth";
import { deleteObjectsAfterCommit, photos } from "@/server/photos";

type Context = { params: Promise<{ id: string }> };

const FinishUpload = z.object({ uploadId: UploadId, alt: PhotoAlt });

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = sameOriginJson(appUrl, async (request: Request, { params }: Context) => {
  const user = await currentUser();
  if (!user) return json({ error: "Sign in to use this endpoint." }, 401);
  const id = ListingAction.shape.listingId.safeParse((await params).id);
  if (!id.success) return json({ error: "Malformed listing id" }, 400);
  const body = FinishUpload.safeParse(await request.json().catch(() => undefined));
  if (!body.success) {
    return json(
      { error: "Please correct the highlighted fields", fieldErrors: z.flattenError(body.error).fieldErrors },
      400,
    );
  }
  // Someone else's listing is not found before anything of the upload is read.
  const listing = await listingRepository().findForSitter(id.data, user.id);
  if (!listing.ok) return json({ error: listing.message }, listing.code === "NOT_FOUND" ? 404 : 400);
  const owner = { kind: "listing", id: id.data } as const;
  const processed = await photos().finishUpload(owner, body.data.uploadId);
  if (!processed.ok) return json({ error: processed.message }, HTTP_STATUS[processed.code]);
  const { image } = processed;
  const added = await listingPhotoRepository().add(user.id, { listingId: id.data, alt: body.data.alt, ...image });
  if (!added.ok) {
    await deleteObjectsAfterCommit("a refused photo's variants", (storage) => storage.deleteImage(owner, image.key));
    return json({ error: added.message }, HTTP_STATUS[added.code]);
  }
  return json({ photo: added.photo }, 201);
});
