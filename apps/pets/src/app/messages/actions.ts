"use server";

import { conversationRepository, type SendMessageInput } from "@burrow/db";
import { isBoundId, isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { type FormState, failureState, formValues } from "@/lib/form-state";
import { type LiveMessage, liveMessage } from "@/lib/live-message";

export interface SendState extends FormState {
  /** The message just stored, shown at once (the live stream brings it too; ids tell them apart). */
  sent?: LiveMessage;
}

/**
 * A message into a thread the user belongs to (`conversationId`), or the first one of (listing,
 * tenant), which opens the thread and goes there. The repository checks membership, blocks and the
 * rate limit; a refusal keeps the text in the form.
 */
export async function sendMessage(state: SendState, form: FormData): Promise<SendState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const values = formValues(form);
  const user = await requireUser({ returnTo: "/messages" });
  const result = await conversationRepository().send(user.id, values as unknown as SendMessageInput);
  if (!result.ok) return failureState(result, { body: values.body ?? "" });
  if (!values.conversationId) redirect(`/messages/${result.conversationId}`);
  return { sent: liveMessage(result.message) };
}

/** The open thread's reader has seen up to `messageId`: `changed` when their unread count went down. */
export async function markRead(conversationId: unknown, messageId: unknown): Promise<{ changed: boolean } | undefined> {
  if (!isBoundId(conversationId) || !isBoundId(messageId)) return undefined;
  const user = await requireUser({ returnTo: "/messages" });
  const result = await conversationRepository().markRead(user.id, { conversationId, messageId });
  return { changed: result.ok && result.changed };
}

async function setBlock(state: FormState, form: FormData, blocked: boolean): Promise<FormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const { conversationId } = formValues(form);
  const user = await requireUser({ returnTo: "/messages" });
  const conversations = conversationRepository();
  const result = blocked
    ? await conversations.block(user.id, String(conversationId ?? ""))
    : await conversations.unblock(user.id, String(conversationId ?? ""));
  if (!result.ok) return failureState(result);
  revalidatePath(`/messages/${conversationId}`);
  return { done: blocked ? "Blocked: no messages pass between you." : "Unblocked." };
}

/** The thread's other member may no longer write to the user, nor the user to them, in any thread. */
export async function blockMember(state: FormState, form: FormData): Promise<FormState> {
  return setBlock(state, form, true);
}

export async function unblockMember(state: FormState, form: FormData): Promise<FormState> {
  return setBlock(state, form, false);
}
