"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FieldError, FormMessage, invalidProps } from "../../../_components/form-feedback";
import { cancelAsSitter } from "../../actions";

/** Shown while the accepted stay can be cancelled (`open`), and after, so the outcome stays on screen. */
export function SitterCancelForm({
  bookingId,
  refundText,
  open,
}: {
  bookingId: string;
  refundText: string;
  open: boolean;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelAsSitter, {});
  if (!open && !state.done && !state.error) return null;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="form" aria-labelledby="sitter-cancel-heading" noValidate>
      <h2 id="sitter-cancel-heading">Cancel this stay</h2>
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} fields={["reason"]} />
      {open && !state.done && (
        <>
          <p id="sitter-cancel-hint">
            The pet owner gets a full refund ({refundText}) and reads your reason. Tenants see how many stays you
            cancelled in the last 12 months.
          </p>
          <div className="field">
            <label htmlFor="sitter-cancel-reason">Why are you cancelling?</label>
            <textarea
              id="sitter-cancel-reason"
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={(state.values?.reason as string | undefined) ?? ""}
              {...invalidProps(errors.reason, "sitter-cancel-reason-error", "sitter-cancel-hint")}
            />
            <FieldError id="sitter-cancel-reason-error" messages={errors.reason} />
          </div>
          <button type="submit" className="button button--danger" disabled={pending}>
            Cancel the stay
          </button>
        </>
      )}
    </form>
  );
}
