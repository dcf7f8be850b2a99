"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../../_components/form-feedback";
import { cancelStay } from "../../actions";

/** Shown while the stay can be cancelled (`refundText` set), and after, so the outcome stays on screen. */
export function CancelStayForm({ bookingId, refundText }: { bookingId: string; refundText: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelStay, {});
  if (refundText === null && !state.done && !state.error) return null;
  return (
    <form action={action} className="form" aria-label="Cancel this stay">
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} fields={[]} />
      {refundText !== null && (
        <>
          <h2>Cancel</h2>
          <p>
            Cancelling now refunds <strong data-testid="refund-preview">{refundText}</strong>.
          </p>
          <button type="submit" className="button button--danger" disabled={pending}>
            Cancel this stay
          </button>
        </>
      )}
    </form>
  );
}
