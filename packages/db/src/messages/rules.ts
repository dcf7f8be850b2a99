// What a message may be and the operations' inputs: pure, shared by the repository (which parses
// every input before touching the database) and pets' actions and routes.
import { Id } from "@burrow/booking";
import { z } from "zod";

/** The longest message, in characters (UTF-16 code units, as a textarea's maxLength counts them). */
export const MAX_MESSAGE_LENGTH = 4000;

/**
 * Characters a plain-text message never needs: C0 controls but tab and line feed (NUL included:
 * PostgreSQL text cannot hold it), DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates that make text display differently from what it says.
 */
const CONTROL_CHARACTERS = /(?![\t\n])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

/** Half of a surrogate pair alone: no character at all, and not UTF-8 encodable. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A message's text: line breaks as `\n` (forms send `\r\n`), trimmed, 1–4,000 characters, no control
 * characters. Links stay text; pages render https ones as links (see pets' linkify).
 */
export const MessageBody = z
  .string({ error: "Write a message" })
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "Write a message" })
      .max(MAX_MESSAGE_LENGTH, { error: `At most ${MAX_MESSAGE_LENGTH.toLocaleString("en")} characters` })
      .superRefine((text, ctx) => {
        const problem = text.includes("\u0000")
          ? "Contains a NUL character"
          : CONTROL_CHARACTERS.test(text)
            ? "Contains control characters"
            : LONE_SURROGATE.test(text)
              ? "Contains a broken character"
              : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: text });
      }),
  );

/** A message id: a positive bigint, written in decimal (as pages, forms and Last-Event-ID carry it). */
export const MessageId = z
  .string()
  .regex(/^(0|[1-9]\d{0,18})$/, { error: "Malformed message id" })
  .transform((digits) => BigInt(digits))
  .refine((id) => id <= 9_223_372_036_854_775_807n, { error: "Malformed message id" });

/** A message into a thread that exists, or the first one of (listing, tenant), which creates it. */
export const SendMessage = z.union([
  z.object({ conversationId: Id, body: MessageBody }),
  z.object({ listingId: Id, tenantId: Id, body: MessageBody }),
]);
export type SendMessageInput = z.input<typeof SendMessage>;

export const ConversationAction = z.object({ conversationId: Id });

/** A thread by what it is about, whether or not it exists yet. */
export const ThreadKey = z.object({ listingId: Id, tenantId: Id });

export const MarkRead = z.object({ conversationId: Id, messageId: MessageId });
export type MarkReadInput = z.input<typeof MarkRead>;

export const ListMessages = z.object({
  conversationId: Id,
  /** Messages older than this id (the previous page's oldest). */
  before: MessageId.optional(),
  limit: z.int().min(1).max(100).default(50),
});
export type ListMessagesInput = z.input<typeof ListMessages>;

export const ListConversations = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.int().min(1).max(50).default(20),
});
export type ListConversationsInput = z.input<typeof ListConversations>;
