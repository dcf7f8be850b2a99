"use server";

import { SetScreennameInput } from "@burrow/auth/schemas";
import { userRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/auth";

export interface ScreennameState {
  screenname?: string;
  saved?: boolean;
  error?: string;
  fieldErrors?: { screenname?: string[] };
}

export async function setScreenname(state: ScreennameState, form: FormData): Promise<ScreennameState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: "/account" });
  const typed = String(form.get("screenname") ?? "");
  const parsed = SetScreennameInput.safeParse({ screenname: typed });
  if (!parsed.success) return { screenname: typed, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const result = await userRepository().setScreenname(user.id, parsed.data.screenname);
  if (!result.ok) {
    return result.reason === "taken"
      ? { screenname: typed, fieldErrors: { screenname: ["That screenname is taken. Try another one."] } }
      : { screenname: typed, error: "Your account no longer exists. Sign in again." };
  }
  revalidatePath("/", "layout");
  return { screenname: parsed.data.screenname, saved: true };
}

/** TENANT → SITTER. Sitters and admins keep their role. */
export async function becomeSitter(): Promise<void> {
  const user = await requireUser({ returnTo: "/account" });
  await userRepository().becomeSitter(user.id);
  revalidatePath("/", "layout");
}
