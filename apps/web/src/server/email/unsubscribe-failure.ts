import type { UnsubscribeCheck } from "./unsubscribe-token";

type Reason = Extract<UnsubscribeCheck, { ok: false }>["reason"];

/** What a refused unsubscribe link answers: the page and the one-click route say the same. */
export function unsubscribeFailure(reason: Reason): { status: 400 | 403 | 410; message: string } {
  switch (reason) {
    case "expired":
      return { status: 410, message: "This unsubscribe link has expired." };
    case "malformed":
      return { status: 400, message: "This unsubscribe link is incomplete or garbled." };
    default:
      return { status: 403, message: "This unsubscribe link is not valid: it was changed after it was sent." };
  }
}
