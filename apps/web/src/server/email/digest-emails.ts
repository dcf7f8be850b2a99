// The events consumer's digest step: messages.unread becomes one e-mail to its recipient, sent through
// sendUserEmail and keyed by the event's id like every other e-mail.
import { digestEmailFor, type EventEnvelope } from "@burrow/events";
import { digestEmailContent } from "./content";
import type { SendUserEmail } from "./send";

export function digestEmails(send: SendUserEmail, { petsUrl }: { petsUrl: string }) {
  return async (event: EventEnvelope): Promise<void> => {
    const draft = digestEmailFor(event, { petsUrl });
    if (draft)
      await send({ kind: draft.kind, userId: draft.userId, key: event.id, content: () => digestEmailContent(draft) });
  };
}
