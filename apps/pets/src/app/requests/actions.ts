"use server";

import { rememberWrite } from "@burrow/auth/read-your-writes";
import { BookingAction, SitterCancel } from "@burrow/booking";
import { bookingRepository } from "@burrow/db";
import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/auth";
import { countBooking } from "@/lib/booking-metrics";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

const DecideRequest = BookingAction.extend({
  intent: z.enum(["accept", "decline", "complete"], { error: "Unknown action" }),
});

const DONE = { accept: "Accepted", decline: "Declined", complete: "Marked completed" } as const;

/**
 * The sitter accepts, declines or completes a booking on one of their listings (the repository
 * matches the sitter's own listings only). Losing a race to an overlapping stay is a 409 message.
 */
export async function decideRequest(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const parsed = DecideRequest.safeParse(formValues(form));
  const sitter = await requireRole("SITTER", {
    returnTo: parsed.success ? `/requests/${parsed.data.bookingId}` : "/requests",
  });
  if (!parsed.success) return invalidState(parsed.error);
  const { bookingId, intent } = parsed.data;
  const bookings = bookingRepository();
  let declined = 0;
  if (intent === "accept") {
    const result = await bookings.accept(bookingId, sitter.id);
    countBooking("accepted", result);
    if (!result.ok) return failureState(result);
    declined = result.declined.length;
  } else {
    const result =
      intent === "decline"
        ? await bookings.decline(bookingId, sitter.id)
        : await bookings.complete(bookingId, sitter.id);
    if (!result.ok) return failureState(result);
  }
  // The listing's public calendar and free-date search change with an accepted or completed stay.
  await rememberWrite();
  revalidatePath("/requests");
  revalidatePath(`/requests/${bookingId}`);
  return { done: `${DONE[intent]}.${declined > 0 ? ` ${declined} overlapping request(s) were declined.` : ""}` };
}

/**
 * The sitter cancels an accepted stay on one of their listings, saying why; the tenant is refunded
 * in full. The repository matches the sitter's own listings only and re-checks status and dates.
 */
export async function cancelAsSitter(state: FormState, form: FormData): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const parsed = SitterCancel.safeParse(values);
  const sitter = await requireRole("SITTER", {
    returnTo: parsed.success ? `/requests/${parsed.data.bookingId}` : "/requests",
  });
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await bookingRepository().sitterCancel(sitter.id, parsed.data);
  if (!result.ok) return failureState(result, values);
  await rememberWrite();
  revalidatePath("/requests");
  revalidatePath(`/requests/${parsed.data.bookingId}`);
  return { done: "Cancelled. The pet owner is refunded in full and has been told why." };
}
