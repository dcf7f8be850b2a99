"use client";

import { useActionState } from "react";
import { setListingVisibility, type VisibilityFormState } from "../actions";

/** Hide / Show for one listing; the page re-renders with the new state once pets has it. */
export function VisibilityForm({ listingId, userId, hidden }: { listingId: string; userId: string; hidden: boolean }) {
  const [state, action, pending] = useActionState<VisibilityFormState, FormData>(setListingVisibility, {});
  return (
    <form action={action}>
      <input type="hidden" name="listingId" value={listingId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="hidden" value={String(!hidden)} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {hidden ? "Show" : "Hide"}
      </button>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
