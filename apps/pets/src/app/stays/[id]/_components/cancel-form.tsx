"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../../_components/form-feedback";
import { cancelStay } from "../../actions";

export function CancelStayForm({ bookingId, refundText }: { bookingId: string; refundText: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelStay, {});
  return (
    <form action={action} className="form">
      <input type="hidden" name="bookingId" value={bookingId} />
      <p>
        Cancelling now refunds <strong data-testid="refund-preview">{refundText}</strong>.
      </p>
      <FormMessage state={state} fields={[]} />
      <button type="submit" className="button button--danger" disabled={pending}>
        Cancel this stay
      </button>
    </form>
  );
}
