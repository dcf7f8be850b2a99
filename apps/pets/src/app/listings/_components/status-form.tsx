"use client";

import type { ListingStatus } from "@burrow/booking";
import { actions } from "@burrow/ui/classes";
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../_components/form-feedback";
import { changeListingStatus } from "../actions";

/** Pause / resume / archive buttons of one listing, with the outcome next to them. Archiving, which is final, asks first. */
export function ListingStatusForm({
  listingId,
  status,
  title,
}: {
  listingId: string;
  status: ListingStatus;
  title: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<FormState, FormData>(async (previous, form) => {
    const next = await changeListingStatus(previous, form);
    setConfirming(false);
    return next;
  }, {});
  if (status === "ARCHIVED") return null;
  // Distinct keys: otherwise React reuses the clicked Archive button (type="button") as "Archive for
  // good" (type="submit") during the click, and the browser submits the archive without asking.
  if (confirming) {
    return (
      <form key="confirm" action={action} className={`${actions} mt-2`}>
        <input type="hidden" name="listingId" value={listingId} />
        <p className="m-0" role="alert">
          Archive “{title}” for good? It leaves search and cannot be resumed.
        </p>
        <button type="submit" name="intent" value="archive" className="button button--danger" disabled={pending}>
          Archive for good
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </form>
    );
  }
  return (
    <form key="status" action={action} className={`${actions} mt-2`}>
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
      <button type="button" className="button button--danger" disabled={pending} onClick={() => setConfirming(true)}>
        Archive<span className="sr-only"> {title}</span>
      </button>
      <FormMessage state={state} fields={[]} />
    </form>
  );
}
