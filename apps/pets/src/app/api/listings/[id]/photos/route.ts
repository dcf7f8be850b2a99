// Step 2 of a photo upload, after the browser's POST to storage: the upload is checked by its bytes
// and processed (finishUpload), then added to the listing with its alt text. Anything refused
// leaves nothing stored: finishUpload deletes the original, and variants a refused add would
// orphan are deleted here.
import { listingPhotoRepository, PhotoAlt } from "@burrow/db";
import { HTTP_STATUS } from "@burrow/http/result";
import { sameOriginJson } from "@burrow/http/same-origin";
import { UploadId } from "@burrow/storage";
import { z } from "zod";
import { appUrl } from "@/auth";
import { photoJson as json, ownListingPhotoRequest } from "@/server/listing-photo-request";
import { deleteObjectsAfterCommit, photos } from "@/server/photos";

type Context = { params: Promise<{ id: string }> };

const FinishUpload = z.object({ uploadId: UploadId, alt: PhotoAlt });

export const POST = sameOriginJson(appUrl, async (request: Request, { params }: Context) => {
  const checked = await ownListingPhotoRequest(request, params, FinishUpload, "Please correct the highlighted fields");
  if (!checked.ok) return checked.response;
  const { userId, listingId, body } = checked;
  const owner = { kind: "listing", id: listingId } as const;
  const processed = await photos().finishUpload(owner, body.uploadId);
  if (!processed.ok) return json({ error: processed.message }, HTTP_STATUS[processed.code]);
  const { image } = processed;
  const added = await listingPhotoRepository().add(userId, { listingId, alt: body.alt, ...image });
  if (!added.ok) {
    await deleteObjectsAfterCommit("a refused photo's variants", (storage) => storage.deleteImage(owner, image.key));
    return json({ error: added.message }, HTTP_STATUS[added.code]);
  }
  return json({ photo: added.photo }, 201);
});
