import type { MessageView } from "@burrow/db";

/** A message as the live stream and the send action hand it to the browser. */
export interface LiveMessage {
  id: string;
  senderId: string;
  body: string;
  /** ISO instant. */
  createdAt: string;
}

export const liveMessage = (m: MessageView): LiveMessage => ({
  id: m.id,
  senderId: m.senderId,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
});
