// Step 1 of a photo upload: a presigned POST the browser sends the file with, straight to storage.
// Only the listing's sitter, only while it takes photos; the POST can write only one key of this
// listing, an accepted type, at most 10 MB, for 5 minutes (storage enforces the policy itself).
import { ListingAction } from "@burrow/booking";
import { listingPhotoRepository, listingRepository, MAX_LISTING_PHOTOS } from "@burrow/db";
import { sameOriginJson } from "@burrow/http/same-origin";
import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES } from "@burrow/storage";
import { z } from "zod";
import { appUrl, currentUser } from "@/auth";
import { photos } from "@/server/photos";

type Context = { params: Promise<{ id: string }> };

const PresignUpload = z.object({
  contentType: z.string().max(100),
  size: z.int({ error: "size must be the file's size in bytes" }).min(1, "The file is empty"),
});

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = sameOriginJson(appUrl, async (request: Request, { params }: Context) => {
  const user = await currentUser();
  if (!user) return json({ error: "Sign in to use this endpoint." }, 401);
  const id = ListingAction.shape.listingId.safeParse((await params).id);
  if (!id.success) return json({ error: "Malformed listing id" }, 400);
  const body = PresignUpload.safeParse(await request.json().catch(() => undefined));
  if (!body.success) {
    return json({ error: "Send { contentType, size }", fieldErrors: z.flattenError(body.error).fieldErrors }, 400);
  }
  const { contentType, size } = body.data;
  if (!(ACCEPTED_TYPES as readonly string[]).includes(contentType)) {
    return json({ error: "Only JPEG, PNG, WebP, HEIC or AVIF photos can be uploaded." }, 415);
  }
  if (size > MAX_UPLOAD_BYTES) return json({ error: "Photos may be at most 10 MB." }, 413);
  const listing = await listingRepository().findForSitter(id.data, user.id);
  if (!listing.ok) return json({ error: listing.message }, listing.code === "NOT_FOUND" ? 404 : 400);
  if (listing.listing.status === "ARCHIVED") return json({ error: "Archived listings take no photos" }, 409);
  if ((await listingPhotoRepository().list(id.data)).length >= MAX_LISTING_PHOTOS) {
    return json({ error: `A listing has at most ${MAX_LISTING_PHOTOS} photos: remove one first` }, 409);
  }
  const upload = await photos().presignUpload(
    { kind: "listing", id: id.data },
    contentType as (typeof ACCEPTED_TYPES)[number],
  );
  return json(upload, 201);
});
