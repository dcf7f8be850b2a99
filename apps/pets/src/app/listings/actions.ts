"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { AddBlock, ListingAction, RemoveBlock, WeeklyPlan } from "@burrow/booking";
import { availabilityRepository, listingPhotoRepository, listingRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";
import { LISTING_FORM_MULTI, ListingForm, listingFieldErrors } from "@/lib/listing-form";
import { deleteObjectsAfterCommit } from "@/server/photos";

// Every action signs the sitter in again and passes their id to the repository, whose queries
// match only the sitter's own listings: another sitter's listing is "not found".
const sitter = (returnTo: string) => requireRole("SITTER", { returnTo });

const withListingFieldNames = (state: FormState): FormState =>
  state.fieldErrors ? { ...state, fieldErrors: listingFieldErrors(state.fieldErrors) } : state;

export async function createListing(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await sitter("/listings/new");
  const values = formValues(form, LISTING_FORM_MULTI);
  const parsed = ListingForm.safeParse(values);
  if (!parsed.success) return withListingFieldNames(invalidState(parsed.error, values));
  const result = await listingRepository().create(user.id, parsed.data);
  if (!result.ok) return withListingFieldNames(failureState(result, values));
  await rememberWrite();
  revalidatePath("/listings");
  redirect(`/listings/${result.listing.id}/availability?created=1`);
}

const UpdateListing = z.object({ listingId: ListingAction.shape.listingId });

export async function updateListing(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form, LISTING_FORM_MULTI);
  const id = UpdateListing.safeParse(values);
  const user = await sitter(id.success ? `/listings/${id.data.listingId}/edit` : "/listings");
  if (!id.success) return invalidState(id.error, values);
  // A listing with uploaded photos has no photo addresses any more (docs/photos.md).
  const hasUploads = (await listingPhotoRepository().list(id.data.listingId)).length > 0;
  const parsed = ListingForm.safeParse(hasUploads ? { ...values, photoUrls: "" } : values);
  if (!parsed.success) return withListingFieldNames(invalidState(parsed.error, values));
  const result = await listingRepository().update(id.data.listingId, user.id, parsed.data);
  if (!result.ok) return withListingFieldNames(failureState(result, values));
  await rememberWrite();
  revalidatePath("/listings");
  return { values, done: "Listing saved." };
}

const ChangeStatus = z.object({
  listingId: ListingAction.shape.listingId,
  intent: z.enum(["pause", "resume", "archive"], { error: "Unknown action" }),
});

export async function changeListingStatus(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await sitter("/listings");
  const parsed = ChangeStatus.safeParse(formValues(form));
  if (!parsed.success) return invalidState(parsed.error);
  const { listingId, intent } = parsed.data;
  const listings = listingRepository();
  const result =
    intent === "pause"
      ? await listings.pause(listingId, user.id)
      : intent === "resume"
        ? await listings.resume(listingId, user.id)
        : await listings.archive(listingId, user.id);
  if (!result.ok) return failureState(result);
  if (intent === "archive") {
    await deleteObjectsAfterCommit("an archived listing's photos", (storage) =>
      storage.deleteOwner({ kind: "listing", id: listingId }),
    );
  }
  await rememberWrite();
  revalidatePath("/listings");
  return { done: `Listing ${result.listing.status.toLowerCase()}.` };
}

const AVAILABILITY = (listingId: string) => `/listings/${listingId}/availability`;

export async function setWeeklyPlan(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form, ["weekdays"]);
  const parsed = WeeklyPlan.safeParse(values);
  const user = await sitter(parsed.success ? AVAILABILITY(parsed.data.listingId) : "/listings");
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await availabilityRepository().setWeeklyPlan(user.id, parsed.data);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath(AVAILABILITY(parsed.data.listingId));
  return { values, done: "Weekly plan saved." };
}

export async function addBlock(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = AddBlock.safeParse(values);
  const user = await sitter(parsed.success ? AVAILABILITY(parsed.data.listingId) : "/listings");
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await availabilityRepository().addBlock(user.id, parsed.data);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath(AVAILABILITY(parsed.data.listingId));
  return { done: `Blocked ${result.block.start} to ${result.block.end}.` };
}

const RemoveListingBlock = RemoveBlock.extend({ listingId: ListingAction.shape.listingId });

export async function removeBlock(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const parsed = RemoveListingBlock.safeParse(formValues(form));
  const user = await sitter(parsed.success ? AVAILABILITY(parsed.data.listingId) : "/listings");
  if (!parsed.success) return invalidState(parsed.error);
  const result = await availabilityRepository().removeBlock(user.id, parsed.data.blockId);
  if (!result.ok) return failureState(result);
  await rememberWrite();
  revalidatePath(AVAILABILITY(parsed.data.listingId));
  return { done: "Blocked range removed." };
}
