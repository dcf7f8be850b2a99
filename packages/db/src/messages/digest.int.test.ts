import { UnreadMessagesPayload } from "@burrow/events";
import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { messageDigestRepository } from "./digest";
import { conversationRepository } from "./repository";

const { db, sql } = testDatabase(6);
const conversations = conversationRepository(db);
const digests = messageDigestRepository(db);
const make = factories(db);

const NOW = new Date("2027-01-10T12:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const UNLIMITED = [{ max: 10_000, windowSeconds: 60, per: "a minute" }];

/** The messages.unread payloads written for `userId`, oldest first. */
const digestsOf = async (userId: string) =>
  (
    await sql.query<{ payload: unknown }>(
      `SELECT payload FROM pets.outbox_events WHERE type = 'messages.unread' AND aggregate_id = $1 ORDER BY seq`,
      [userId],
    )
  ).rows.map((r) => UnreadMessagesPayload.parse(r.payload));

async function scene() {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listings = [
    await make.listing(sitter.id, { title: "Garden flat" }),
    await make.listing(sitter.id, { title: "Barn" }),
  ];
  const ask = async (listing: number, body: string, minute: number) =>
    expectOk(
      await conversations.send(
        tenant.id,
        { listingId: listings[listing]?.id as string, tenantId: tenant.id, body },
        { now: later(minute), rules: UNLIMITED },
      ),
    );
  return { sitter, tenant, ask };
}

describe("the unread-messages digest", () => {
  it("sends one digest of every thread 15 minutes after the first unread message, then starts a new window", async () => {
    const { sitter, tenant, ask } = await scene();
    const first = await ask(0, "Is the garden fenced?", 0);
    await ask(0, "And is there shade?", 5);
    await ask(1, "Do you take cats?", 10);

    expect(await digests.publishDue(later(14))).toBe(0);
    expect(await digests.publishDue(later(15))).toBe(1);
    expect(await digestsOf(sitter.id)).toEqual([
      {
        userId: sitter.id,
        threads: [
          { conversationId: expect.any(String), listingTitle: "Barn", unread: 1 },
          { conversationId: first.conversationId, listingTitle: "Garden flat", unread: 2 },
        ],
      },
    ]);
    // The tenant wrote them all: nothing for them; and a rerun or another instance writes nothing more.
    expect(await digestsOf(tenant.id)).toEqual([]);
    expect(await Promise.all([digests.publishDue(later(16)), digests.publishDue(later(16))])).toEqual([0, 0]);

    // A new message opens a new window; a read one is never reported.
    await ask(0, "One more thing", 20);
    expect(await digests.publishDue(later(34))).toBe(0);
    expect((await digests.publishDue(later(35))) + (await digestsOf(sitter.id)).length).toBe(3);
    expect((await digestsOf(sitter.id))[1]?.threads).toEqual([
      { conversationId: first.conversationId, listingTitle: "Garden flat", unread: 1 },
    ]);
    const last = await ask(1, "Hello?", 40);
    expectOk(
      await conversations.markRead(sitter.id, { conversationId: last.conversationId, messageId: last.message.id }),
    );
    expect(await digests.publishDue(later(60))).toBe(0);
  });
});
