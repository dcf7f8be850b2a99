"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { ListingAction } from "@burrow/booking";
import { listingPhotoRepository, PhotoAlt } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";
import { deleteObjectsAfterCommit } from "@/server/photos";

// The photo list's forms on the edit page (uploads go through /api/listings/[id]/photos). Each
// signs the sitter in again; the repository finds the photo through the sitter's own listings, so
// another sitter's photo id is "not found" and nothing changes.
const PhotoForm = z.object({ listingId: ListingAction.shape.listingId, photoId: z.string().min(1).max(64) });
const SetAlt = PhotoForm.extend({ alt: PhotoAlt });
const Move = PhotoForm.extend({ to: z.enum(["up", "down", "cover"], { error: "Unknown move" }) });

const EDIT = (listingId: string) => `/listings/${listingId}/edit`;
const sitter = (listingId?: string) => requireRole("SITTER", { returnTo: listingId ? EDIT(listingId) : "/listings" });

export async function setPhotoAlt(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = SetAlt.safeParse(values);
  const user = await sitter(parsed.data?.listingId);
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await listingPhotoRepository().setAlt(user.id, parsed.data.photoId, parsed.data.alt);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath(EDIT(parsed.data.listingId));
  return { values, done: "Description saved." };
}

export async function movePhoto(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = Move.safeParse(values);
  const user = await sitter(parsed.data?.listingId);
  if (!parsed.success) return invalidState(parsed.error, values);
  const { listingId, photoId, to } = parsed.data;
  const result = await listingPhotoRepository().move(user.id, photoId, to);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath(EDIT(listingId));
  const position = result.photos.findIndex((p) => p.id === photoId) + 1;
  return {
    values,
    done:
      position === 1
        ? "Photo moved: it is now the cover."
        : `Photo moved to position ${position} of ${result.photos.length}.`,
  };
}

/** The row goes first (committed), then its objects, best effort (see deleteObjectsAfterCommit). */
export async function removePhoto(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = PhotoForm.safeParse(values);
  const user = await sitter(parsed.data?.listingId);
  if (!parsed.success) return invalidState(parsed.error, values);
  const { listingId, photoId } = parsed.data;
  const result = await listingPhotoRepository().remove(user.id, photoId);
  if (!result.ok) return failureState(result, values);
  await deleteObjectsAfterCommit("a removed photo", (storage) =>
    storage.deleteImage({ kind: "listing", id: listingId }, result.key),
  );
  await rememberWrite();
  revalidatePath(EDIT(listingId));
  return { done: "Photo deleted." };
}
