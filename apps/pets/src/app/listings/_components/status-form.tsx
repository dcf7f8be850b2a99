"use client";

import type { ListingStatus } from "@burrow/booking";
import { actions } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../_components/form-feedback";
import { changeListingStatus } from "../actions";

/** Pause / resume / archive buttons of one listing, with the outcome next to them. */
export function ListingStatusForm({
  listingId,
  status,
  title,
}: {
  listingId: string;
  status: ListingStatus;
  title: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeListingStatus, {});
  if (status === "ARCHIVED") return null;
  return (
    <form action={action} className={`${actions} mt-2`}>
      <input type="hidden" name="listingId" value={listingId} />
      {status === "ACTIVE" ? (
        <button type="submit" name="intent" value="pause" className="button button--secondary" disabled={pending}>
          Pause<span className="sr-only"> {title}</span>
        </button>
      ) : (
        <button type="submit" name="intent" value="resume" className="button button--secondary" disabled={pending}>
          Resume<span className="sr-only"> {title}</span>
        </button>
      )}
      <button type="submit" name="intent" value="archive" className="button button--danger" disabled={pending}>
        Archive<span className="sr-only"> {title}</span>
      </button>
      <FormMessage state={state} fields={[]} />
    </form>
  );
}
