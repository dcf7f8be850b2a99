// The inbox's keyset cursor: the (last message time, conversation id) of a page's last thread,
// opaque to the URL. Anything that does not decode to exactly that is no cursor.
import { Id } from "@burrow/booking";
import { z } from "zod";

export interface ConversationCursor {
  lastMessageAt: Date;
  id: string;
}

const Encoded = z.tuple([z.iso.datetime(), Id]);

export function encodeCursor({ lastMessageAt, id }: ConversationCursor): string {
  return Buffer.from(JSON.stringify([lastMessageAt.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): ConversationCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = Encoded.safeParse(value);
  if (!parsed.success) return null;
  const lastMessageAt = new Date(parsed.data[0]);
  return Number.isNaN(lastMessageAt.getTime()) ? null : { lastMessageAt, id: parsed.data[1] };
}
