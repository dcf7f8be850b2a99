"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { reviewRepository, WriteReview } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

/** Either party of a completed stay reviews the other; the repository checks who they are and the window. */
export async function writeReview(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = WriteReview.safeParse(values);
  const user = await requireUser({ returnTo: "/stays" });
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await reviewRepository().write(user.id, parsed.data);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath(`/stays/${parsed.data.bookingId}`);
  revalidatePath(`/requests/${parsed.data.bookingId}`);
  // The page re-renders with the review in place of the form, published or marked hidden.
  return {};
}
