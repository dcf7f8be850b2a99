"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { updateAccountProfile } from "@/server/mongo/account-profile";
import { profileFormToInput } from "@/server/mongo/profile-input";
import type { FieldErrors } from "@/server/mongo/result";

export interface ProfileFormState {
  saved?: boolean;
  error?: string;
  fieldErrors?: FieldErrors;
}

export async function saveProfile(_: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await requireUser({ returnTo: "/account/profile" });
  const result = await updateAccountProfile(user.id, profileFormToInput(form));
  if (!result.ok) return { error: result.message, fieldErrors: result.fieldErrors };
  revalidatePath("/account/profile");
  if (result.user.screenname) revalidatePath(`/u/${result.user.screenname}`);
  return { saved: true };
}
