"use client";

import { choices } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { writeReview } from "../_actions/reviews";
import { FieldError, FormMessage, groupProps, invalidProps } from "./form-feedback";

export function ReviewForm({ bookingId, subject }: { bookingId: string; subject: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(writeReview, {});
  const errors = state.fieldErrors ?? {};
  const rating = groupProps(errors.rating, "review-rating-error");
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} fields={["rating", "text"]} />
      <fieldset className="field" {...rating.group}>
        <legend>Your rating of {subject}</legend>
        <div className={choices}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input
                type="radio"
                name="rating"
                value={n}
                defaultChecked={state.values?.rating === String(n)}
                {...rating.invalid}
              />{" "}
              {n}
              {n === 1 ? " (poor)" : n === 5 ? " (excellent)" : ""}
            </label>
          ))}
        </div>
        <FieldError id="review-rating-error" messages={errors.rating} />
      </fieldset>
      <div className="field">
        <label htmlFor="review-text">Your review</label>
        <textarea
          id="review-text"
          name="text"
          rows={4}
          maxLength={2000}
          defaultValue={(state.values?.text as string | undefined) ?? ""}
          {...invalidProps(errors.text, "review-text-error")}
        />
        <FieldError id="review-text-error" messages={errors.text} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Publish review
      </button>
    </form>
  );
}
