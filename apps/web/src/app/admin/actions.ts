"use server";

import { Role, userRepository } from "@burrow/db";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/auth";

export interface RoleFormState {
  saved?: boolean;
  error?: string;
}

const ChangeRole = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(Role, { error: "Choose a role" }),
});

export async function changeRole(_: RoleFormState, form: FormData): Promise<RoleFormState> {
  const admin = await requireAdmin({ returnTo: "/admin" });
  const parsed = ChangeRole.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return { error: "Choose one of the roles." };
  const result = await userRepository().setRole(admin.id, parsed.data.userId, parsed.data.role);
  if (!result.ok) {
    return {
      error: result.reason === "self" ? "You cannot change your own role." : "This user no longer exists.",
    };
  }
  revalidatePath("/admin");
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return { saved: true };
}
