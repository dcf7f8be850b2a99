"use client";

import { actions } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../../_components/form-feedback";
import { decideRequest } from "../../actions";

type Choice = "accept" | "decline" | "complete";

const BUTTONS: Record<Choice, { label: string; className: string }> = {
  accept: { label: "Accept", className: "button" },
  decline: { label: "Decline", className: "button button--danger" },
  complete: { label: "Mark completed", className: "button" },
};

/**
 * The buttons the booking's status allows: accept / decline a live request, complete an ended
 * stay. Rendered even when none applies any more, so the outcome of the last decision stays on screen.
 */
export function DecisionForm({
  bookingId,
  heading,
  choices,
}: {
  bookingId: string;
  heading: string;
  choices: readonly Choice[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(decideRequest, {});
  if (choices.length === 0 && !state.done && !state.error) return null;
  return (
    <form action={action} className="form" aria-label={heading}>
      {choices.length > 0 && <h2>{heading}</h2>}
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} fields={[]} />
      {choices.length > 0 && (
        <div className={`${actions} mt-2`}>
          {choices.map((choice) => (
            <button
              key={choice}
              type="submit"
              name="intent"
              value={choice}
              className={BUTTONS[choice].className}
              disabled={pending}
            >
              {BUTTONS[choice].label}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}
