"use server";

import { BookingAction } from "@burrow/booking";
import { bookingRepository } from "@burrow/db";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

/** The tenant cancels their request or accepted stay; the repository matches their own bookings only. */
export async function cancelStay(_: FormState, form: FormData): Promise<FormState> {
  const parsed = BookingAction.safeParse(formValues(form));
  const user = await requireUser({ returnTo: parsed.success ? `/stays/${parsed.data.bookingId}` : "/stays" });
  if (!parsed.success) return invalidState(parsed.error);
  const result = await bookingRepository().cancel(parsed.data.bookingId, user.id);
  if (!result.ok) return failureState(result);
  revalidatePath("/stays");
  revalidatePath(`/stays/${parsed.data.bookingId}`);
  return { done: "Cancelled." };
}
