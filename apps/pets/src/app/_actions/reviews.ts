"use server";

import { BookingAction } from "@burrow/booking";
import { reviewRepository } from "@burrow/db";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/auth";
import { type FormState, failureState, formValues, invalidState } from "@/lib/form-state";

const WriteReviewForm = BookingAction.extend({
  rating: z.coerce
    .number<string>({ error: "Pick a rating from 1 to 5" })
    .int({ error: "Pick a rating from 1 to 5" })
    .min(1, { error: "Pick a rating from 1 to 5" })
    .max(5, { error: "Pick a rating from 1 to 5" }),
  text: z
    .string({ error: "Write a few words about the stay" })
    .trim()
    .min(1, { error: "Write a few words about the stay" })
    .max(2000, { error: "At most 2000 characters" }),
});

/** Either party of a completed stay reviews the other; the repository checks who they are and the window. */
export async function writeReview(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const parsed = WriteReviewForm.safeParse(values);
  const user = await requireUser({ returnTo: "/stays" });
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await reviewRepository().write(user.id, parsed.data);
  if (!result.ok) return failureState(result, values);
  revalidatePath(`/stays/${parsed.data.bookingId}`);
  revalidatePath(`/requests/${parsed.data.bookingId}`);
  // The page re-renders with the review in place of the form, published or marked hidden.
  return {};
}
