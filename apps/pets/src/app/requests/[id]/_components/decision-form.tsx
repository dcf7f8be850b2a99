"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../../_components/form-feedback";
import { decideRequest } from "../../actions";

/** The buttons the booking's status allows: accept / decline a live request, complete an ended stay. */
export function DecisionForm({
  bookingId,
  choices,
}: {
  bookingId: string;
  choices: ("accept" | "decline" | "complete")[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(decideRequest, {});
  return (
    <form action={action} className="form">
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} fields={[]} />
      <div className="inline-actions">
        {choices.includes("accept") && (
          <button type="submit" name="intent" value="accept" className="button" disabled={pending}>
            Accept
          </button>
        )}
        {choices.includes("decline") && (
          <button type="submit" name="intent" value="decline" className="button button--danger" disabled={pending}>
            Decline
          </button>
        )}
        {choices.includes("complete") && (
          <button type="submit" name="intent" value="complete" className="button" disabled={pending}>
            Mark completed
          </button>
        )}
      </div>
    </form>
  );
}
