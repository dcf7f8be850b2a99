// The unread-messages digest: once a user's oldest undigested unread message is `delay` old, one
// messages.unread event tells them about every thread with unread messages, and each thread's
// digested_id moves past what it reported, so the next digest starts a new 15-minute window. The
// outbox row and the markers are written in one transaction under an advisory lock, so however many
// instances sweep, each unread message is reported once.
import type { UnreadMessagesPayload } from "@burrow/events";
import type { z } from "zod";
import { type Db, prisma } from "../client";
import { outboxTrace } from "../outbox/events";

export const DIGEST_DELAY_MS = 15 * 60_000;
const DIGEST_LOCK = 72707374;
const MAX_THREADS = 50;

export interface PendingThread {
  userId: string;
  conversationId: string;
  listingTitle: string;
  unread: number;
  /** The newest unread message: the thread's digested_id after the digest. */
  throughId: string;
  /** When the oldest undigested unread message was sent. */
  oldest: Date;
}

export interface Digest {
  userId: string;
  threads: PendingThread[];
}

/**
 * Pure batching: a user whose oldest undigested unread message was sent at or before `cutoff` gets
 * one digest of all their pending threads (newest messages included); others wait.
 */
export function dueDigests(pending: PendingThread[], cutoff: Date): Digest[] {
  const byUser = new Map<string, PendingThread[]>();
  for (const thread of pending) byUser.set(thread.userId, [...(byUser.get(thread.userId) ?? []), thread]);
  return [...byUser]
    .filter(([, threads]) => threads.some((t) => t.oldest <= cutoff))
    .map(([userId, threads]) => ({
      userId,
      threads: threads.sort((a, b) => b.oldest.getTime() - a.oldest.getTime()).slice(0, MAX_THREADS),
    }));
}

export function messageDigestRepository(db: Db = prisma) {
  return {
    /** Writes the due digests' outbox rows and markers; returns how many digests. */
    async publishDue(now = new Date(), delayMs = DIGEST_DELAY_MS): Promise<number> {
      return db.$transaction(async (tx) => {
        // One sweeper at a time; the others find the markers moved once it commits.
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(${DIGEST_LOCK}) AS locked`;
        if (!lock?.locked) return 0;
        const rows = await tx.$queryRaw<
          {
            user_id: string;
            conversation_id: string;
            listing_title: string;
            unread: number;
            through_id: bigint;
            oldest: Date;
          }[]
        >`
          SELECT r.user_id, r.conversation_id, l.title AS listing_title, count(*)::int AS unread,
                 max(m.id) AS through_id, min(m.created_at) AS oldest
            FROM pets.conversation_reads r
            JOIN pets.messages m ON m.conversation_id = r.conversation_id
                                AND m.id > greatest(r.last_read_id, r.digested_id)
                                AND m.sender_id <> r.user_id
            JOIN pets.conversations c ON c.id = r.conversation_id
            JOIN pets.listings l ON l.id = c.listing_id
            JOIN identity.users u ON u.id = r.user_id AND u.deleted_at IS NULL
           WHERE m.created_at <= ${now}
           GROUP BY r.user_id, r.conversation_id, l.title`;
        const digests = dueDigests(
          rows.map((r) => ({
            userId: r.user_id,
            conversationId: r.conversation_id,
            listingTitle: r.listing_title,
            unread: r.unread,
            throughId: r.through_id.toString(),
            oldest: r.oldest,
          })),
          new Date(now.getTime() - delayMs),
        );
        for (const { userId, threads } of digests) {
          const payload: z.input<typeof UnreadMessagesPayload> = {
            userId,
            threads: threads.map((t) => ({
              conversationId: t.conversationId,
              listingTitle: t.listingTitle,
              unread: t.unread,
            })),
          };
          await tx.outboxEvent.create({
            data: { type: "messages.unread", aggregateId: userId, payload, ...outboxTrace() },
          });
          for (const t of threads) {
            await tx.$executeRaw`
              UPDATE pets.conversation_reads SET digested_id = greatest(digested_id, ${BigInt(t.throughId)}::bigint)
               WHERE conversation_id = ${t.conversationId} AND user_id = ${userId}`;
          }
        }
        return digests.length;
      });
    },
  };
}
