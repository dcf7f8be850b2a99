"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { SetScreennameInput } from "@burrow/auth/schemas";
import { userRepository } from "@burrow/db";
import { EMAIL_KIND_NAMES } from "@burrow/events";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/auth";
import { isMongoUnavailable } from "@/server/mongo/connection";
import { type EmailPreferences, setEmailPreferences } from "@/server/mongo/email-preferences";

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
  // The public profile (/u/…) may be read on a replica: not before it has this change.
  await rememberWrite();
  revalidatePath("/", "layout");
  return { screenname: parsed.data.screenname, saved: true };
}

/** TENANT → SITTER. Sitters and admins keep their role. */
export async function becomeSitter(): Promise<void> {
  const user = await requireUser({ returnTo: "/account" });
  await userRepository().becomeSitter(user.id);
  await rememberWrite();
  revalidatePath("/", "layout");
}

export interface EmailPreferencesState {
  preferences?: EmailPreferences;
  saved?: boolean;
  error?: string;
}

/** The checked boxes: each names a kind that stays on; a kind the form never lists is refused. */
const EmailPreferencesForm = z.array(z.enum(EMAIL_KIND_NAMES)).max(EMAIL_KIND_NAMES.length);

export async function saveEmailPreferences(
  state: EmailPreferencesState,
  form: FormData,
): Promise<EmailPreferencesState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: "/account" });
  const parsed = EmailPreferencesForm.safeParse(form.getAll("on"));
  if (!parsed.success) {
    return { preferences: state.preferences, error: "These e-mail settings could not be read. Reload the page." };
  }
  try {
    return { preferences: await setEmailPreferences(user.id, parsed.data), saved: true };
  } catch (error) {
    if (!isMongoUnavailable(error)) throw error;
    return {
      preferences: state.preferences,
      error: "Your e-mail settings cannot be saved right now. Try again in a minute.",
    };
  }
}
