"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { Role, userRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/auth";
import { PetsRefused, petsClient } from "@/server/pets-client";

export interface RoleFormState {
  saved?: boolean;
  error?: string;
}

const ChangeRole = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(Role, { error: "Choose a role" }),
});

export async function changeRole(state: RoleFormState, form: FormData): Promise<RoleFormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const admin = await requireAdmin({ returnTo: "/admin" });
  const parsed = ChangeRole.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return { error: "Choose one of the roles." };
  const result = await userRepository().setRole(admin.id, parsed.data.userId, parsed.data.role);
  if (!result.ok) {
    return {
      error: result.reason === "self" ? "You cannot change your own role." : "This user no longer exists.",
    };
  }
  await rememberWrite();
  revalidatePath("/admin");
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return { saved: true };
}

export interface VisibilityFormState {
  error?: string;
}

const SetVisibility = z.object({
  listingId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  hidden: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Hides or shows a listing through pets' internal API: pets owns the write and records the admin. */
export async function setListingVisibility(state: VisibilityFormState, form: FormData): Promise<VisibilityFormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const admin = await requireAdmin({ returnTo: "/admin" });
  const parsed = SetVisibility.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "Malformed request: reload the page." };
  try {
    await petsClient.setListingHidden(parsed.data.listingId, parsed.data.hidden, admin.id);
  } catch (error) {
    if (error instanceof PetsRefused) return { error: error.message };
    return { error: "The pets app did not answer: try again in a moment." };
  }
  // Pets committed before answering, so the primary's position now covers it: the admin's own search
  // and listing pages must not show the listing as it was.
  await rememberWrite();
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return {};
}
