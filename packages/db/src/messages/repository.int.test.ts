import { factories, expectOk as ok } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "../bookings/repository";
import { messageReadRepository } from "./read";
import { conversationRepository } from "./repository";

const { db, sql } = testDatabase(8);
const conversations = conversationRepository(db);
const unread = messageReadRepository(db);
const make = factories(db);

const NOW = new Date("2027-01-10T12:00:00Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
/** No limit in the way where a test is not about it. */
const UNLIMITED = [{ max: 10_000, windowSeconds: 60, per: "a minute" }];

async function scene() {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id);
  const ask = (body: string, now = NOW) =>
    conversations.send(tenant.id, { listingId: listing.id, tenantId: tenant.id, body }, { now, rules: UNLIMITED });
  return { sitter, tenant, listing, ask };
}

const count = async (table: string, where = "true", params: unknown[] = []) =>
  Number((await sql.query(`SELECT count(*) AS n FROM pets.${table} WHERE ${where}`, params)).rows[0].n);

describe("a thread per (listing, tenant)", () => {
  it("a tenant's question creates the thread; the sitter answers in it; both see it in their inbox", async () => {
    const { sitter, tenant, listing, ask } = await scene();
    const first = ok(await ask("Is the garden fenced?"));
    const answer = ok(
      await conversations.send(
        sitter.id,
        { conversationId: first.conversationId, body: "Yes, 2 m." },
        { now: later(60) },
      ),
    );
    expect(answer.conversationId).toBe(first.conversationId);
    expect(BigInt(answer.message.id)).toBeGreaterThan(BigInt(first.message.id));

    const asSitter = ok(await conversations.thread(first.conversationId, sitter.id)).thread;
    expect(asSitter).toMatchObject({
      id: first.conversationId,
      listing: { id: listing.id, title: listing.title },
      viewerRole: "SITTER",
      counterpart: { id: tenant.id, left: false },
      blocking: false,
      blockedBy: false,
    });
    const page = ok(await conversations.messages(tenant.id, { conversationId: first.conversationId }));
    expect(page.messages.map((m) => [m.senderId, m.body])).toEqual([
      [tenant.id, "Is the garden fenced?"],
      [sitter.id, "Yes, 2 m."],
    ]);
    expect(page.olderCursor).toBeNull();

    const tenantInbox = ok(await conversations.inbox(tenant.id));
    expect(tenantInbox.items).toMatchObject([
      {
        id: first.conversationId,
        viewerRole: "TENANT",
        counterpart: { id: sitter.id },
        lastMessage: { body: "Yes, 2 m.", fromViewer: false },
        unread: 1,
      },
    ]);
    expect(ok(await conversations.inbox(sitter.id)).items).toMatchObject([{ viewerRole: "SITTER", unread: 0 }]);
  });

  it("a second question from the same tenant goes into the same thread", async () => {
    const { ask } = await scene();
    const a = ok(await ask("One"));
    const b = ok(await ask("Two", later(1)));
    expect(b.conversationId).toBe(a.conversationId);
  });

  it("concurrent first messages of tenant and sitter make one thread", async () => {
    const { sitter, tenant, listing } = await scene();
    await bookingRepository(db).request(
      tenant.id,
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
      NOW,
    );
    const target = { listingId: listing.id, tenantId: tenant.id };
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        conversations.send(
          i % 2 ? sitter.id : tenant.id,
          { ...target, body: `hello ${i}` },
          { now: NOW, rules: UNLIMITED },
        ),
      ),
    );
    const ids = new Set(results.map((r) => ok(r).conversationId));
    expect(ids.size).toBe(1);
    expect(await count("conversations", "listing_id = $1", [listing.id])).toBe(1);
    expect(await count("messages", "conversation_id = $1", [[...ids][0]])).toBe(16);
    expect(await count("conversation_reads", "conversation_id = $1", [[...ids][0]])).toBe(2);
  });

  it("ids follow commit order within a thread, so reading after the last seen id misses nothing", async () => {
    const { sitter, tenant, ask } = await scene();
    const { conversationId } = ok(await ask("start"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        conversations.send(i % 2 ? sitter.id : tenant.id, { conversationId, body: `m${i}` }, { rules: UNLIMITED }),
      ),
    );
    const { rows } = await sql.query<{ id: string; xmin: string }>(
      "SELECT id, xmin::text::bigint AS xmin FROM pets.messages WHERE conversation_id = $1 ORDER BY id",
      [conversationId],
    );
    // Each insert's transaction id was taken after the previous one committed (row lock), so both orders agree.
    const byXid = [...rows].sort((a, b) => Number(a.xmin) - Number(b.xmin)).map((r) => r.id);
    expect(byXid).toEqual(rows.map((r) => r.id));
  });
});

describe("who may write and read", () => {
  it("a third user can neither read nor post into someone else's thread, nor mark or block in it", async () => {
    const { tenant, listing, ask } = await scene();
    const { conversationId } = ok(await ask("private"));
    const intruder = await make.user("TENANT");
    const before = await count("messages");
    expect(await conversations.thread(conversationId, intruder.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await conversations.messages(intruder.id, { conversationId })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await conversations.send(intruder.id, { conversationId, body: "hi" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await conversations.send(intruder.id, { listingId: listing.id, tenantId: tenant.id, body: "hi" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await conversations.threadFor(listing.id, tenant.id, intruder.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await conversations.block(intruder.id, conversationId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await conversations.markRead(intruder.id, { conversationId, messageId: "999" })).toEqual({
      ok: true,
      changed: false,
    });
    expect(ok(await conversations.inbox(intruder.id)).items).toEqual([]);
    expect(await count("messages")).toBe(before);
    expect(await count("user_blocks")).toBe(0);
  });

  it("nobody messages themselves: a sitter cannot ask about their own listing", async () => {
    const { sitter, listing } = await scene();
    const result = await conversations.send(sitter.id, { listingId: listing.id, tenantId: sitter.id, body: "me?" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", message: "You cannot message yourself" });
    expect(await conversations.threadFor(listing.id, sitter.id, sitter.id)).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await count("conversations", "listing_id = $1", [listing.id])).toBe(0);
  });

  it("a sitter answers but never writes first to someone who did not book", async () => {
    const { sitter, tenant, listing } = await scene();
    const target = { listingId: listing.id, tenantId: tenant.id, body: "Want to book?" };
    expect(await conversations.send(sitter.id, target)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await conversations.threadFor(listing.id, tenant.id, sitter.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await bookingRepository(db).request(
      tenant.id,
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
      NOW,
    );
    ok(await conversations.send(sitter.id, target, { now: NOW }));
    const thread = ok(await conversations.threadFor(listing.id, tenant.id, sitter.id)).thread;
    expect(thread.bookings.map((b) => b.status)).toEqual(["REQUESTED"]);
  });

  it("a paused or hidden listing takes no new questions, but its tenants keep talking", async () => {
    const sitter = await make.user("SITTER");
    const tenant = await make.user("TENANT");
    const paused = await make.listing(sitter.id, { status: "PAUSED" });
    const hidden = await make.listing(sitter.id, { hiddenAt: NOW });
    for (const listing of [paused, hidden]) {
      expect(
        await conversations.send(tenant.id, { listingId: listing.id, tenantId: tenant.id, body: "?" }),
      ).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
        message: "No such listing",
      });
    }
    await sql.query(
      `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
                                  total_price_minor, currency, cancellation_policy, expires_at, updated_at)
       VALUES ('cbooked0000000000000000000', $1, $2, '2027-02-01', '2027-02-03', 'REQUESTED', 1, 100, 200, 'EUR',
               'FLEXIBLE', now() + interval '1 day', now())`,
      [paused.id, tenant.id],
    );
    ok(await conversations.send(tenant.id, { listingId: paused.id, tenantId: tenant.id, body: "About my stay" }));
  });

  it("nobody writes to a member who left Burrow", async () => {
    const { sitter, ask } = await scene();
    const { conversationId } = ok(await ask("Hello"));
    await sql.query("UPDATE identity.users SET deleted_at = now() WHERE id = $1", [sitter.id]);
    const before = await count("messages");
    expect(await ask("Anyone?")).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(ok(await conversations.thread(conversationId, sitter.id)).thread.tenant.left).toBe(false);
    expect(await count("messages")).toBe(before);
  });

  it("refuses empty, oversized, NUL-containing and control-character messages, storing nothing", async () => {
    const { ask } = await scene();
    const { conversationId } = ok(await ask("first"));
    const before = await count("messages");
    for (const [body, error] of [
      ["", "Write a message"],
      ["   \r\n ", "Write a message"],
      ["x".repeat(4001), "At most 4,000 characters"],
      ["a\u0000b", "Contains a NUL character"],
      ["bell\u0007", "Contains control characters"],
    ] as const) {
      const result = await ask(body);
      expect(result, JSON.stringify(body.slice(0, 10))).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { body: expect.arrayContaining([error]) },
      });
      expect(await conversations.send("nobody", { conversationId, body })).toMatchObject({
        ok: false,
        code: "VALIDATION",
      });
    }
    expect(await count("messages")).toBe(before);
    ok(await ask("x".repeat(4000)));
  });
});

describe("blocks", () => {
  it("a block stops messages either way until it is lifted", async () => {
    const { sitter, tenant, ask } = await scene();
    const { conversationId } = ok(await ask("Hi"));
    expect(ok(await conversations.block(tenant.id, conversationId)).changed).toBe(true);
    expect(ok(await conversations.block(tenant.id, conversationId)).changed).toBe(false);
    const before = await count("messages");
    expect(await conversations.send(sitter.id, { conversationId, body: "Please?" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "This member does not accept messages from you",
    });
    expect(await ask("Oops")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: expect.stringContaining("unblock"),
    });
    expect(await count("messages")).toBe(before);
    expect(ok(await conversations.thread(conversationId, tenant.id)).thread).toMatchObject({
      blocking: true,
      blockedBy: false,
    });
    expect(ok(await conversations.thread(conversationId, sitter.id)).thread).toMatchObject({
      blocking: false,
      blockedBy: true,
    });
    // Only the blocker lifts it.
    expect(ok(await conversations.unblock(sitter.id, conversationId)).changed).toBe(false);
    expect(ok(await conversations.unblock(tenant.id, conversationId)).changed).toBe(true);
    ok(await conversations.send(sitter.id, { conversationId, body: "Thanks" }));
  });

  it("a block holds in every thread between the two (a tenant asking about another of the sitter's listings)", async () => {
    const { sitter, tenant, ask } = await scene();
    const { conversationId } = ok(await ask("Hi"));
    ok(await conversations.block(sitter.id, conversationId));
    const other = await make.listing(sitter.id);
    expect(
      await conversations.send(tenant.id, { listingId: other.id, tenantId: tenant.id, body: "And this one?" }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await count("conversations", "listing_id = $1", [other.id])).toBe(0);
  });

  it("no message racing a block commits after it", async () => {
    const { sitter, tenant, ask } = await scene();
    const { conversationId } = ok(await ask("Hi"));
    const sends = Array.from({ length: 12 }, (_, i) =>
      conversations.send(sitter.id, { conversationId, body: `s${i}` }, { rules: UNLIMITED }),
    );
    const [results, block] = await Promise.all([Promise.all(sends), conversations.block(tenant.id, conversationId)]);
    ok(block);
    // A transaction id is taken at the first write, which each side makes only under the pair's lock.
    const { rows } = await sql.query<{ after: string }>(
      `SELECT count(*) AS after FROM pets.messages m, pets.user_blocks b
        WHERE m.conversation_id = $1 AND m.sender_id = $2 AND b.blocker_id = $3
          AND m.xmin::text::bigint > b.xmin::text::bigint`,
      [conversationId, sitter.id, tenant.id],
    );
    expect(Number(rows[0]?.after)).toBe(0);
    const stored = results.filter((r) => r.ok).length;
    expect(await count("messages", "conversation_id = $1 AND sender_id = $2", [conversationId, sitter.id])).toBe(
      stored,
    );
  });
});

describe("the send rate limit", () => {
  it("holds under 20 parallel sends: exactly the limit is stored, the rest refused", async () => {
    const { tenant, listing } = await scene();
    const rules = [{ max: 5, windowSeconds: 60, per: "a minute" }];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        conversations.send(
          tenant.id,
          { listingId: listing.id, tenantId: tenant.id, body: `spam ${i}` },
          { now: NOW, rules },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(15).fill("RATE_LIMITED"));
    expect(await count("messages", "sender_id = $1", [tenant.id])).toBe(5);
  });

  it("counts the sender's messages across threads, and frees up as they age out of the window", async () => {
    const { tenant, ask } = await scene();
    const other = await make.listing((await make.user("SITTER")).id);
    const rules = [{ max: 2, windowSeconds: 60, per: "a minute" }];
    ok(
      await conversations.send(tenant.id, { listingId: other.id, tenantId: tenant.id, body: "a" }, { now: NOW, rules }),
    );
    const second = await conversations.send(
      tenant.id,
      { listingId: other.id, tenantId: tenant.id, body: "b" },
      { now: later(1), rules },
    );
    ok(second);
    const refused = await conversations.send(
      tenant.id,
      { listingId: other.id, tenantId: tenant.id, body: "c" },
      { now: later(2), rules },
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
      message: "You can send 2 messages a minute. Try again in 58 seconds.",
    });
    ok(
      await conversations.send(
        tenant.id,
        { listingId: other.id, tenantId: tenant.id, body: "c" },
        { now: later(60), rules },
      ),
    );
    expect((await ask("default rules apply when none are given")).ok).toBe(true);
  });
});

describe("reading", () => {
  it("unread counts go up with others' messages and clear as the reader marks them", async () => {
    const { sitter, tenant, ask } = await scene();
    const { conversationId, message } = ok(await ask("one"));
    ok(await ask("two", later(1)));
    expect(await unread.unreadCount(sitter.id)).toBe(2);
    expect(await unread.unreadCount(tenant.id)).toBe(0);
    expect(ok(await conversations.markRead(sitter.id, { conversationId, messageId: message.id })).changed).toBe(true);
    expect(await unread.unreadCount(sitter.id)).toBe(1);
    // Far past the newest: marks the newest, no further, so later messages stay unread.
    ok(await conversations.markRead(sitter.id, { conversationId, messageId: "9000000000000000000" }));
    expect(await unread.unreadCount(sitter.id)).toBe(0);
    expect(ok(await conversations.markRead(sitter.id, { conversationId, messageId: message.id })).changed).toBe(false);
    ok(await ask("three", later(2)));
    expect(await unread.unreadCount(sitter.id)).toBe(1);
  });

  it("pages a thread's messages by id, newest page first", async () => {
    const { ask } = await scene();
    const sent = [];
    for (let i = 0; i < 7; i++) sent.push(ok(await ask(`m${i}`, later(i))).message);
    const conversationId = ok(await ask("m7", later(7))).conversationId;
    const viewer = (await sql.query("SELECT tenant_id FROM pets.conversations WHERE id = $1", [conversationId])).rows[0]
      .tenant_id;
    const bodies = (page: { messages: { body: string }[] }) => page.messages.map((m) => m.body);
    const first = ok(await conversations.messages(viewer, { conversationId, limit: 3 }));
    expect(bodies(first)).toEqual(["m5", "m6", "m7"]);
    const second = ok(
      await conversations.messages(viewer, { conversationId, limit: 3, before: first.olderCursor ?? "" }),
    );
    expect(bodies(second)).toEqual(["m2", "m3", "m4"]);
    const third = ok(
      await conversations.messages(viewer, { conversationId, limit: 3, before: second.olderCursor ?? "" }),
    );
    expect(bodies(third)).toEqual(["m0", "m1"]);
    expect(third.olderCursor).toBeNull();
    expect([first.newerFrom, second.newerFrom, third.newerFrom]).toEqual([null, later(5), later(2)]);
    expect(await conversations.messages(viewer, { conversationId, before: "x" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
  });

  it("pages the inbox by last message, keyset over (time, id), ties included", async () => {
    const tenant = await make.user("TENANT");
    const threads: string[] = [];
    for (let i = 0; i < 5; i++) {
      const listing = await make.listing((await make.user("SITTER")).id);
      // Two threads share each instant: the id breaks the tie.
      const at = later(Math.floor(i / 2));
      threads.push(
        ok(
          await conversations.send(
            tenant.id,
            { listingId: listing.id, tenantId: tenant.id, body: `t${i}` },
            { now: at, rules: UNLIMITED },
          ),
        ).conversationId,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await conversations.inbox(tenant.id, { limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(threads));
    const { rows } = await sql.query<{ id: string }>(
      "SELECT id FROM pets.conversations WHERE tenant_id = $1 ORDER BY last_message_at DESC, id DESC",
      [tenant.id],
    );
    expect(seen).toEqual(rows.map((r) => r.id));
    expect(await conversations.inbox(tenant.id, { cursor: "garbage" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
  });
});
