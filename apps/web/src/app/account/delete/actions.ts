"use server";

import { isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/auth";
import { deletionDeps } from "@/server/account-deletion/deps";
import { deleteAccount } from "@/server/account-deletion/saga";

export interface DeleteAccountState {
  error?: string;
  fieldErrors?: { confirmEmail?: string[] };
}

const DeleteAccount = z.object({ confirmEmail: z.string().trim().max(320) });

export async function deleteMyAccount(state: DeleteAccountState, form: FormData): Promise<DeleteAccountState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: "/account/delete" });
  const parsed = DeleteAccount.safeParse(Object.fromEntries(form));
  if (!parsed.success || parsed.data.confirmEmail.toLowerCase() !== user.email.toLowerCase()) {
    return { fieldErrors: { confirmEmail: ["Type your e-mail address exactly as shown to confirm"] } };
  }
  const outcome = await deleteAccount(user.id, deletionDeps());
  if (outcome.finished) redirect("/?account=deleted");
  if ("refused" in outcome) return { error: outcome.refused };
  return {
    error:
      "We could not finish deleting your account just now. It will be completed automatically within minutes; you can also try again.",
  };
}
