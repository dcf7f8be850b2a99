"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { BookingAction } from "@burrow/booking";
import { bookingRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

/** The tenant cancels their request or accepted stay; the repository matches their own bookings only. */
export async function cancelStay(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const parsed = BookingAction.safeParse(formValues(form));
  const user = await requireUser({ returnTo: parsed.success ? `/stays/${parsed.data.bookingId}` : "/stays" });
  if (!parsed.success) return invalidState(parsed.error);
  const result = await bookingRepository().cancel(parsed.data.bookingId, user.id);
  if (!result.ok) return failureState(result);
  await rememberWrite();
  revalidatePath("/stays");
  revalidatePath(`/stays/${parsed.data.bookingId}`);
  return { done: "Cancelled." };
}
