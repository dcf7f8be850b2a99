"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FormMessage } from "../../_components/form-feedback";
import { blockMember, unblockMember } from "../actions";

/** Block the thread's other member (no messages either way, in any thread), or lift the block. */
export function BlockForm({
  conversationId,
  name,
  blocking,
}: {
  conversationId: string;
  name: string;
  blocking: boolean;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(blocking ? unblockMember : blockMember, {});
  return (
    <form action={action} className="m-0" aria-label={blocking ? `Unblock ${name}` : `Block ${name}`}>
      <input type="hidden" name="conversationId" value={conversationId} />
      <FormMessage state={state} fields={[]} />
      <button
        type="submit"
        className={blocking ? "button button--secondary" : "button button--danger"}
        disabled={pending}
      >
        {blocking ? `Unblock ${name}` : `Block ${name}`}
      </button>
    </form>
  );
}
