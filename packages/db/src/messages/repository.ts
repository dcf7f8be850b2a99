// Conversations between a tenant and a listing's sitter, one per (listing, tenant), written by pets
// only. Expected failures are values (see @burrow/booking's Result). Sending takes, in this order,
// a lock per sender (the rate limit), a lock per pair of users (blocks) and the conversation's row
// (message order), so every check holds under concurrency and across app instances, and through
// PgBouncer's transaction pooling (transaction-level locks only).
import { randomBytes } from "node:crypto";
import { type Failure, failure, invalidInput, isoDateOf, type Result } from "@burrow/booking";
import { type Db, prisma } from "../client";
import { Prisma } from "../generated/prisma/client";
import { type ConversationCursor, decodeCursor, encodeCursor } from "./cursor";
import { MESSAGE_RATE_RULES, type RateRule, rateLookback, rateVerdict } from "./rate-limit";
import {
  ConversationAction,
  ListConversations,
  type ListConversationsInput,
  ListMessages,
  type ListMessagesInput,
  MarkRead,
  type MarkReadInput,
  SendMessage,
  type SendMessageInput,
  ThreadKey,
} from "./rules";
import type { BookingHistory } from "./timeline";

export interface MessageView {
  /** The bigint id in decimal. */
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
}

export interface Party {
  id: string;
  name: string | null;
  /** The account was deleted: nobody can write to it. */
  left: boolean;
}

export interface ThreadView {
  /** Null until the first message. */
  id: string | null;
  listing: { id: string; title: string };
  tenant: Party;
  sitter: Party;
  viewerRole: "TENANT" | "SITTER";
  counterpart: Party;
  /** The viewer blocked the counterpart / the counterpart blocked the viewer. */
  blocking: boolean;
  blockedBy: boolean;
  /** The newest message the viewer has read. */
  lastReadId: string;
  bookings: BookingHistory[];
}

export interface MessagePage {
  /** Oldest first. */
  messages: MessageView[];
  /** `before` for the page of older messages; null on the oldest page. */
  olderCursor: string | null;
  /** When the next newer page starts (its oldest message); null on the newest page. */
  newerFrom: Date | null;
}

export interface InboxItem {
  id: string;
  listing: { id: string; title: string };
  viewerRole: "TENANT" | "SITTER";
  counterpart: Party;
  lastMessageAt: Date;
  lastMessage: { body: string; fromViewer: boolean } | null;
  unread: number;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/** Lock key spaces (two-int advisory keys, apart from sign-in links' 72707371). */
const SENDER_LOCK_SPACE = 72707372;
const PAIR_LOCK_SPACE = 72707373;

/** Parallel sends of one user queue on their lock, each holding a pooled connection. */
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

const NO_CONVERSATION = "No such conversation";
const NO_LISTING = "No such listing";

/** A cuid-shaped id (what Prisma's cuid() makes and the Id schema accepts), for rows inserted in SQL. */
const newId = () => `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`.slice(0, 25);

const party = (user: { id: string; name: string | null; screenname: string | null; deletedAt: Date | null }) => ({
  id: user.id,
  name: user.screenname ?? user.name,
  left: user.deletedAt !== null,
});

const USER_FIELDS = { id: true, name: true, screenname: true, deletedAt: true } as const;

const messageView = (m: {
  id: bigint;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
}): MessageView => ({ ...m, id: m.id.toString() });

export function conversationRepository(db: Db = prisma) {
  /** The pair's blocks, either way. */
  const blocksBetween = (tx: Prisma.TransactionClient | Db, a: string, b: string) =>
    tx.userBlock.findMany({
      where: {
        OR: [
          { blockerId: a, blockedId: b },
          { blockerId: b, blockedId: a },
        ],
      },
      select: { blockerId: true },
    });

  /** Serialises sends and blocks between two users, in either direction. */
  const lockPair = (tx: Prisma.TransactionClient, a: string, b: string) => {
    const key = a < b ? `${a}/${b}` : `${b}/${a}`;
    return tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAIR_LOCK_SPACE}::int, hashtext(${key}))`;
  };

  /** The thread a member may see, by id; NOT_FOUND for everyone else. */
  async function memberThread(tx: Prisma.TransactionClient | Db, conversationId: string, userId: string) {
    const c = await tx.conversation.findUnique({ where: { id: conversationId } });
    return c && (c.tenantId === userId || c.sitterId === userId) ? c : null;
  }

  async function bookingHistory(listingId: string, tenantId: string): Promise<BookingHistory[]> {
    const rows = await db.booking.findMany({
      where: { listingId, ownerId: tenantId },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((b) => ({
      id: b.id,
      status: b.status,
      start: isoDateOf(b.startDate),
      end: isoDateOf(b.endDate),
      pets: b.pets,
      createdAt: b.createdAt,
      decidedAt: b.decidedAt,
      cancelledAt: b.cancelledAt,
      cancelledBy: b.cancelledById === null ? null : b.cancelledById === b.ownerId ? "TENANT" : "SITTER",
      cancelReason: b.cancelReason,
      expiresAt: b.expiresAt,
      updatedAt: b.updatedAt,
    }));
  }

  /** The thread of (listing, tenant) as `viewerId` sees it, whether or not a message exists yet. */
  async function threadView(
    listingId: string,
    tenantId: string,
    viewerId: string,
  ): Promise<Result<{ thread: ThreadView }>> {
    const [listing, tenant, conversation] = await Promise.all([
      db.listing.findUnique({
        where: { id: listingId },
        select: { id: true, title: true, status: true, hiddenAt: true, sitter: { select: USER_FIELDS } },
      }),
      db.user.findUnique({ where: { id: tenantId }, select: USER_FIELDS }),
      db.conversation.findUnique({ where: { listingId_tenantId: { listingId, tenantId } } }),
    ]);
    if (!listing || !tenant) return failure("NOT_FOUND", NO_CONVERSATION);
    if (listing.sitter.id === tenantId)
      return failure("VALIDATION", "This is your own listing: you cannot message yourself");
    if (viewerId !== tenantId && viewerId !== listing.sitter.id) return failure("NOT_FOUND", NO_CONVERSATION);
    const bookings = await bookingHistory(listingId, tenantId);
    if (!conversation && bookings.length === 0) {
      // A sitter answers; they do not write to people who never asked. A tenant may ask about a public listing.
      const askable = viewerId === tenantId && listing.status === "ACTIVE" && listing.hiddenAt === null;
      if (!askable) return failure("NOT_FOUND", viewerId === tenantId ? NO_LISTING : NO_CONVERSATION);
    }
    const viewerRole = viewerId === tenantId ? "TENANT" : "SITTER";
    const counterpartId = viewerRole === "TENANT" ? listing.sitter.id : tenantId;
    const [blocks, read] = await Promise.all([
      blocksBetween(db, viewerId, counterpartId),
      conversation
        ? db.conversationRead.findUnique({
            where: { conversationId_userId: { conversationId: conversation.id, userId: viewerId } },
          })
        : null,
    ]);
    const tenantParty = party(tenant);
    const sitterParty = party(listing.sitter);
    return {
      ok: true,
      thread: {
        id: conversation?.id ?? null,
        listing: { id: listing.id, title: listing.title },
        tenant: tenantParty,
        sitter: sitterParty,
        viewerRole,
        counterpart: viewerRole === "TENANT" ? sitterParty : tenantParty,
        blocking: blocks.some((b) => b.blockerId === viewerId),
        blockedBy: blocks.some((b) => b.blockerId === counterpartId),
        lastReadId: (read?.lastReadId ?? 0n).toString(),
        bookings,
      },
    };
  }

  return {
    /** A thread by id, for its two members only (NOT_FOUND for anyone else). */
    async thread(conversationId: string, viewerId: string): Promise<Result<{ thread: ThreadView }>> {
      const parsed = ConversationAction.safeParse({ conversationId });
      if (!parsed.success) return failure("NOT_FOUND", NO_CONVERSATION);
      const c = await memberThread(db, conversationId, viewerId);
      return c ? threadView(c.listingId, c.tenantId, viewerId) : failure("NOT_FOUND", NO_CONVERSATION);
    },

    /** Whether the user is one of the thread's two members (what a live stream checks). */
    async isMember(conversationId: string, userId: string): Promise<boolean> {
      if (!ConversationAction.safeParse({ conversationId }).success) return false;
      return (await memberThread(db, conversationId, userId)) !== null;
    },

    /**
     * The thread of (listing, tenant), existing or not yet: the tenant asking about a listing, or
     * either party from one of the tenant's bookings.
     */
    async threadFor(listingId: string, tenantId: string, viewerId: string): Promise<Result<{ thread: ThreadView }>> {
      const parsed = ThreadKey.safeParse({ listingId, tenantId });
      if (!parsed.success) return failure("NOT_FOUND", NO_CONVERSATION);
      return threadView(listingId, tenantId, viewerId);
    },

    /** A page of a thread's messages, newest page first (`before` pages back); members only. */
    async messages(viewerId: string, input: ListMessagesInput): Promise<Result<MessagePage>> {
      const parsed = ListMessages.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { conversationId, before, limit } = parsed.data;
      if (!(await memberThread(db, conversationId, viewerId))) return failure("NOT_FOUND", NO_CONVERSATION);
      const [rows, newer] = await Promise.all([
        db.message.findMany({
          where: { conversationId, ...(before === undefined ? {} : { id: { lt: before } }) },
          orderBy: { id: "desc" },
          take: limit + 1,
        }),
        before === undefined
          ? null
          : db.message.findFirst({
              where: { conversationId, id: { gte: before } },
              orderBy: { id: "asc" },
              select: { createdAt: true },
            }),
      ]);
      const page = rows.slice(0, limit).reverse().map(messageView);
      return {
        ok: true,
        messages: page,
        olderCursor: rows.length > limit ? (page[0]?.id ?? null) : null,
        newerFrom: newer?.createdAt ?? null,
      };
    },

    /**
     * Messages after `afterId`, oldest first: what a live stream sends on each wake-up, and on
     * reconnecting from its Last-Event-ID. The caller has checked membership.
     */
    async messagesAfter(conversationId: string, afterId: bigint, limit = 100): Promise<MessageView[]> {
      const rows = await db.message.findMany({
        where: { conversationId, id: { gt: afterId } },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(messageView);
    },

    /** Threads the user is a member of, last message first (keyset over (last message time, id)). */
    async inbox(userId: string, input: ListConversationsInput = {}): Promise<Result<InboxPage>> {
      const parsed = ListConversations.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { limit } = parsed.data;
      let after: ConversationCursor | null = null;
      if (parsed.data.cursor !== undefined) {
        after = decodeCursor(parsed.data.cursor);
        if (!after) return failure("VALIDATION", "Malformed cursor", { cursor: ["Malformed cursor"] });
      }
      const rows = await db.$queryRaw<
        {
          id: string;
          listing_id: string;
          title: string;
          tenant_id: string;
          last_message_at: Date;
          counterpart_id: string;
          counterpart_name: string | null;
          counterpart_left: boolean;
          last_body: string | null;
          last_sender: string | null;
          unread: number;
        }[]
      >`
        SELECT c.id, c.listing_id, l.title, c.tenant_id, c.last_message_at,
               o.id AS counterpart_id, coalesce(o.screenname, o.name) AS counterpart_name,
               o.deleted_at IS NOT NULL AS counterpart_left,
               lm.body AS last_body, lm.sender_id AS last_sender,
               (SELECT count(*)::int FROM pets.messages m
                 WHERE m.conversation_id = c.id AND m.id > coalesce(r.last_read_id, 0) AND m.sender_id <> ${userId}) AS unread
          FROM pets.conversations c
          JOIN pets.listings l ON l.id = c.listing_id
          JOIN identity.users o ON o.id = CASE WHEN c.tenant_id = ${userId} THEN c.sitter_id ELSE c.tenant_id END
          LEFT JOIN pets.conversation_reads r ON r.conversation_id = c.id AND r.user_id = ${userId}
          LEFT JOIN LATERAL (SELECT body, sender_id FROM pets.messages m
                              WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) lm ON true
         WHERE (c.tenant_id = ${userId} OR c.sitter_id = ${userId})
           ${after ? Prisma.sql`AND (c.last_message_at, c.id) < (${after.lastMessageAt}, ${after.id})` : Prisma.empty}
         ORDER BY c.last_message_at DESC, c.id DESC
         LIMIT ${limit + 1}`;
      const items = rows.slice(0, limit).map(
        (r): InboxItem => ({
          id: r.id,
          listing: { id: r.listing_id, title: r.title },
          viewerRole: r.tenant_id === userId ? "TENANT" : "SITTER",
          counterpart: { id: r.counterpart_id, name: r.counterpart_name, left: r.counterpart_left },
          lastMessageAt: r.last_message_at,
          lastMessage: r.last_body === null ? null : { body: r.last_body, fromViewer: r.last_sender === userId },
          unread: r.unread,
        }),
      );
      const last = items.at(-1);
      return {
        ok: true,
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor({ lastMessageAt: last.lastMessageAt, id: last.id }) : null,
      };
    },

    /**
     * Sends a message: into a thread the sender is a member of, or as the first of (listing,
     * tenant), which creates the thread (concurrent first messages meet on its unique key and share
     * one). Refused, with nothing stored: members who blocked each other, a member who left, a
     * sender over the rate limit, anyone outside the thread, and a sitter writing first to a tenant
     * who never booked.
     */
    async send(
      senderId: string,
      input: SendMessageInput,
      { now = new Date(), rules = MESSAGE_RATE_RULES }: { now?: Date; rules?: readonly RateRule[] } = {},
    ): Promise<Result<{ conversationId: string; message: MessageView }>> {
      const parsed = SendMessage.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const data = parsed.data;
      return db.$transaction(async (tx): Promise<Result<{ conversationId: string; message: MessageView }>> => {
        let pair: { listingId: string; tenantId: string; sitterId: string };
        if ("conversationId" in data) {
          const c = await memberThread(tx, data.conversationId, senderId);
          if (!c) return failure("NOT_FOUND", NO_CONVERSATION);
          pair = c;
        } else {
          const refused = await firstMessageRefusal(tx, senderId, data.listingId, data.tenantId);
          if (typeof refused !== "string") return refused;
          pair = { listingId: data.listingId, tenantId: data.tenantId, sitterId: refused };
        }
        const recipientId = senderId === pair.tenantId ? pair.sitterId : pair.tenantId;
        const recipient = await tx.user.findUnique({ where: { id: recipientId }, select: { deletedAt: true } });
        if (!recipient || recipient.deletedAt) return failure("INVALID_STATE", "This member has left Burrow");

        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SENDER_LOCK_SPACE}::int, hashtext(${senderId}))`;
        await lockPair(tx, senderId, recipientId);
        const blocks = await blocksBetween(tx, senderId, recipientId);
        if (blocks.length > 0) {
          return failure(
            "FORBIDDEN",
            blocks.some((b) => b.blockerId === senderId)
              ? "You blocked this member: unblock them to write again"
              : "This member does not accept messages from you",
          );
        }
        const lookback = rateLookback(rules);
        const recent = await tx.message.findMany({
          where: { senderId, createdAt: { gt: new Date(now.getTime() - lookback.seconds * 1000) } },
          orderBy: { createdAt: "desc" },
          take: lookback.count,
          select: { createdAt: true },
        });
        const verdict = rateVerdict(
          recent.map((r) => r.createdAt),
          now,
          rules,
        );
        if (!verdict.ok) return failure("RATE_LIMITED", verdict.message);

        // The row lock taken here orders this thread's message ids by commit.
        const [conversation] = await tx.$queryRaw<{ id: string; created: boolean }[]>`
          INSERT INTO pets.conversations (id, listing_id, tenant_id, sitter_id, created_at, last_message_at)
          VALUES (${newId()}, ${pair.listingId}, ${pair.tenantId}, ${pair.sitterId}, ${now}, ${now})
          ON CONFLICT (listing_id, tenant_id)
          DO UPDATE SET last_message_at = greatest(conversations.last_message_at, excluded.last_message_at)
          RETURNING id, (xmax = 0) AS created`;
        if (!conversation) throw new Error("conversation upsert returned no row");
        if (conversation.created) {
          await tx.conversationRead.createMany({
            data: [pair.tenantId, pair.sitterId].map((userId) => ({ conversationId: conversation.id, userId })),
          });
        }
        const message = await tx.message.create({
          data: { conversationId: conversation.id, senderId, body: data.body, createdAt: now },
        });
        // Your own message is read; the insert's trigger wakes the live streams at commit.
        await tx.conversationRead.update({
          where: { conversationId_userId: { conversationId: conversation.id, userId: senderId } },
          data: { lastReadId: message.id },
        });
        return { ok: true, conversationId: conversation.id, message: messageView(message) };
      }, TX_OPTIONS);
    },

    /** Moves the user's read marker up to `messageId` (never back, never past the thread's newest). */
    async markRead(userId: string, input: MarkReadInput): Promise<Result<{ changed: boolean }>> {
      const parsed = MarkRead.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { conversationId, messageId } = parsed.data;
      const changed = await db.$executeRaw`
        UPDATE pets.conversation_reads r
           SET last_read_id = least(${messageId}::bigint,
                 (SELECT coalesce(max(m.id), 0) FROM pets.messages m WHERE m.conversation_id = r.conversation_id))
         WHERE r.conversation_id = ${conversationId} AND r.user_id = ${userId} AND r.last_read_id < ${messageId}::bigint
           AND EXISTS (SELECT 1 FROM pets.messages m
                        WHERE m.conversation_id = r.conversation_id AND m.id > r.last_read_id)`;
      return { ok: true, changed: changed > 0 };
    },

    /** The viewer stops hearing from the thread's other member, in every thread, either way. */
    block: (viewerId: string, conversationId: string) => setBlock(viewerId, conversationId, true),
    unblock: (viewerId: string, conversationId: string) => setBlock(viewerId, conversationId, false),
  };

  /**
   * Who may write the first message of (listing, tenant): the tenant about a public listing or one
   * they booked, the sitter only to a tenant who booked the listing. Returns the listing's sitter.
   */
  async function firstMessageRefusal(
    tx: Prisma.TransactionClient,
    senderId: string,
    listingId: string,
    tenantId: string,
  ): Promise<string | Failure> {
    const listing = await tx.listing.findUnique({
      where: { id: listingId },
      select: { sitterId: true, status: true, hiddenAt: true },
    });
    if (!listing) return failure("NOT_FOUND", NO_LISTING);
    if (listing.sitterId === tenantId) return failure("VALIDATION", "You cannot message yourself");
    if (senderId !== tenantId && senderId !== listing.sitterId) return failure("NOT_FOUND", NO_CONVERSATION);
    const [existing, booked] = await Promise.all([
      tx.conversation.findUnique({ where: { listingId_tenantId: { listingId, tenantId } }, select: { id: true } }),
      tx.booking.findFirst({ where: { listingId, ownerId: tenantId }, select: { id: true } }),
    ]);
    if (existing || booked) return listing.sitterId;
    if (senderId === listing.sitterId) return failure("NOT_FOUND", NO_CONVERSATION);
    return listing.status === "ACTIVE" && listing.hiddenAt === null
      ? listing.sitterId
      : failure("NOT_FOUND", NO_LISTING);
  }

  async function setBlock(
    viewerId: string,
    conversationId: string,
    blocked: boolean,
  ): Promise<Result<{ changed: boolean }>> {
    const parsed = ConversationAction.safeParse({ conversationId });
    if (!parsed.success) return invalidInput(parsed.error);
    return db.$transaction(async (tx): Promise<Result<{ changed: boolean }>> => {
      const c = await memberThread(tx, conversationId, viewerId);
      if (!c) return failure("NOT_FOUND", NO_CONVERSATION);
      const otherId = c.tenantId === viewerId ? c.sitterId : c.tenantId;
      // Waits for a send between the two in flight, so none commits after the block.
      await lockPair(tx, viewerId, otherId);
      if (blocked) {
        const created = await tx.userBlock.createMany({
          data: [{ blockerId: viewerId, blockedId: otherId }],
          skipDuplicates: true,
        });
        return { ok: true, changed: created.count > 0 };
      }
      const removed = await tx.userBlock.deleteMany({ where: { blockerId: viewerId, blockedId: otherId } });
      return { ok: true, changed: removed.count > 0 };
    }, TX_OPTIONS);
  }
}
