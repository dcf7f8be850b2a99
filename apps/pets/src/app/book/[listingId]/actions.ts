"use server";

import { RequestStay } from "@burrow/booking";
import { bookingRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { countBooking } from "@/lib/booking-metrics";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

/** A signed-in user asks for a stay; the repository checks every rule against the listing. */
export async function requestStay(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const listingId = typeof values.listingId === "string" ? values.listingId : "";
  const user = await requireUser({ returnTo: `/book/${encodeURIComponent(listingId)}` });
  const parsed = RequestStay.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await bookingRepository().request(user.id, parsed.data);
  countBooking("requested", result);
  if (!result.ok) return failureState(result, values);
  revalidatePath("/stays");
  redirect(`/stays/${result.booking.id}`);
}
