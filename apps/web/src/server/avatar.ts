// Avatars: the browser uploads straight to object storage with a presigned POST bound to the user,
// then the server processes the upload into square variants and keeps their key in the Mongo profile.
// Route handlers authenticate; these functions take the signed-in user's id and untrusted bodies.
import { failure, invalidInput, type Result } from "@burrow/http/result";
import { ACCEPTED_TYPES, isOwnersImage, type Owner, type PresignedUpload, UploadId } from "@burrow/storage";
import { z } from "zod";
import { isMongoUnavailable } from "./mongo/connection";
import { replaceAvatar } from "./mongo/profile";
import { type ImageRef, imageRef, photos } from "./photos";

export const AvatarUploadStart = z.strictObject({
  contentType: z.enum(ACCEPTED_TYPES, { error: "Choose a JPEG, PNG, WebP, HEIC or AVIF image" }),
});
export const AvatarUploadFinish = z.strictObject({ uploadId: UploadId });

const avatarOwner = (userId: string): Owner => ({ kind: "avatar", id: userId });

/** A presigned POST for one avatar upload of the declared type, only under this user's prefix. */
export async function startAvatarUpload(userId: string, body: unknown): Promise<Result<{ upload: PresignedUpload }>> {
  const parsed = AvatarUploadStart.safeParse(body);
  if (!parsed.success) return invalidInput(parsed.error);
  return { ok: true, upload: await photos().presignUpload(avatarOwner(userId), parsed.data.contentType) };
}

/**
 * Processes the user's upload (checked by its bytes; another user's upload id is not found) and makes
 * it the avatar; the replaced avatar's objects are deleted. Refused uploads leave nothing stored.
 */
export async function finishAvatarUpload(userId: string, body: unknown): Promise<Result<{ avatar: ImageRef }>> {
  const parsed = AvatarUploadFinish.safeParse(body);
  if (!parsed.success) return invalidInput(parsed.error);
  const owner = avatarOwner(userId);
  const done = await photos().finishUpload(owner, parsed.data.uploadId);
  if (!done.ok) return done;
  let previous: Awaited<ReturnType<typeof replaceAvatar>>;
  try {
    previous = await replaceAvatar(userId, done.image);
  } catch (error) {
    // The profile does not point at them: the new variants would be orphans.
    await photos().deleteImage(owner, done.image.key);
    if (isMongoUnavailable(error))
      return failure("UNAVAILABLE", "Profiles are unavailable right now. Please try again.");
    throw error;
  }
  if (previous && previous.key !== done.image.key && isOwnersImage(owner, previous.key))
    await photos().deleteImage(owner, previous.key);
  return { ok: true, avatar: imageRef("avatar", done.image, "") };
}

/** The account-deletion saga's step: every avatar object of the user (idempotent). */
export async function deleteAvatarObjectsOf(userId: string): Promise<void> {
  await photos().deleteOwner(avatarOwner(userId));
}
