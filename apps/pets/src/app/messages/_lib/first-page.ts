import type { MessagePage } from "@burrow/db";

/** A thread before its first message: nothing to page through. */
export const EMPTY_PAGE: Pick<MessagePage, "messages" | "olderCursor" | "newerFrom"> = {
  messages: [],
  olderCursor: null,
  newerFrom: null,
};
