// Step 1 of a photo upload: a presigned POST the browser sends the file with, straight to storage.
// Only the listing's sitter, only while it takes photos; the POST can write only one key of this
// listing, an accepted type, at most 10 MB, for 5 minutes (storage enforces the policy itself).
import { listingPhotoRepository, MAX_LISTING_PHOTOS } from "@burrow/db";
import { sameOriginJson } from "@burrow/http/same-origin";
import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES } from "@burrow/storage";
import { z } from "zod";
import { appUrl } from "@/auth";
import { photoJson as json, ownListingPhotoRequest } from "@/server/listing-photo-request";
import { photos } from "@/server/photos";

type Context = { params: Promise<{ id: string }> };

const PresignUpload = z.object({
  contentType: z.string().max(100),
  size: z.int({ error: "size must be the file's size in bytes" }).min(1, "The file is empty"),
});

export const POST = sameOriginJson(appUrl, async (request: Request, { params }: Context) => {
  const checked = await ownListingPhotoRequest(request, params, PresignUpload, "Send { contentType, size }");
  if (!checked.ok) return checked.response;
  const { listingId, listing, body } = checked;
  if (!(ACCEPTED_TYPES as readonly string[]).includes(body.contentType)) {
    return json({ error: "Only JPEG, PNG, WebP, HEIC or AVIF photos can be uploaded." }, 415);
  }
  if (body.size > MAX_UPLOAD_BYTES) return json({ error: "Photos may be at most 10 MB." }, 413);
  if (listing.status === "ARCHIVED") return json({ error: "Archived listings take no photos" }, 409);
  if ((await listingPhotoRepository().list(listingId)).length >= MAX_LISTING_PHOTOS) {
    return json({ error: `A listing has at most ${MAX_LISTING_PHOTOS} photos: remove one first` }, 409);
  }
  const upload = await photos().presignUpload(
    { kind: "listing", id: listingId },
    body.contentType as (typeof ACCEPTED_TYPES)[number],
  );
  return json(upload, 201);
});
