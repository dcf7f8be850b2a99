"use server";

import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import type { FieldErrors } from "@burrow/http/result";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { updateAccountProfile } from "@/server/mongo/account-profile";
import { formFieldErrors, profileFormToInput } from "@/server/mongo/profile-input";

export interface ProfileFormState {
  saved?: boolean;
  error?: string;
  /** Keyed by the form's input names: `bio`, `pets.3.name`, `socialLinks.0.url`, … */
  fieldErrors?: FieldErrors;
}

export async function saveProfile(state: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: "/account/profile" });
  const { input, rows } = profileFormToInput(form);
  const result = await updateAccountProfile(user.id, input);
  if (!result.ok) {
    return { error: result.message, fieldErrors: result.fieldErrors && formFieldErrors(result.fieldErrors, rows) };
  }
  revalidatePath("/account/profile");
  if (result.user.screenname) revalidatePath(`/u/${result.user.screenname}`);
  return { saved: true };
}
