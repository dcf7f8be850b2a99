import { factories, expectOk as ok } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { afterAll, describe, expect, it } from "vitest";
import { MessageListener } from "./live";
import { conversationRepository } from "./repository";

const { db, sql, url } = testDatabase();
const conversations = conversationRepository(db);
const make = factories(db);
const listener = new MessageListener(url, () => {});
afterAll(() => listener.close());

async function thread() {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id);
  const first = ok(await conversations.send(tenant.id, { listingId: listing.id, tenantId: tenant.id, body: "first" }));
  const send = (body: string, from = tenant.id) =>
    conversations.send(from, { conversationId: first.conversationId, body }).then(ok);
  return { sitter, tenant, conversationId: first.conversationId, first: first.message, send };
}

/** Lets notifications of messages sent before (thread set-up) arrive, so they are not counted as new. */
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Resolves with the number of wake-ups once `count` have come, or rejects after 5 s. */
function wakes(conversationId: string, count: number) {
  let seen = 0;
  let unsubscribe = () => {};
  const done = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen} of ${count} wake-ups`)), 5_000);
    unsubscribe = listener.subscribe(conversationId, () => {
      if (++seen >= count) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
  return { done: done.finally(() => unsubscribe()), seen: () => seen };
}

describe("live messages over LISTEN/NOTIFY", () => {
  it("wakes a thread's subscribers when a message commits, and only that thread's", async () => {
    const a = await thread();
    const b = await thread();
    await listener.listening();
    await settle();
    const onA = wakes(a.conversationId, 1);
    const onB = wakes(b.conversationId, 1);
    const sent = await a.send("live!");
    await onA.done;
    expect(onB.seen()).toBe(0);
    // What a woken stream reads: everything after the last id it sent.
    expect((await conversations.messagesAfter(a.conversationId, BigInt(a.first.id))).map((m) => m.id)).toEqual([
      sent.message.id,
    ]);
    void onB.done.catch(() => {});
  });

  it("hears nothing of a rolled-back insert (NOTIFY is transactional)", async () => {
    const a = await thread();
    await listener.listening();
    await settle();
    const onA = wakes(a.conversationId, 1);
    await sql.query("BEGIN");
    await sql.query("INSERT INTO pets.messages (conversation_id, sender_id, body) VALUES ($1, $2, 'never')", [
      a.conversationId,
      a.tenant.id,
    ]);
    await sql.query("ROLLBACK");
    await settle();
    expect(onA.seen()).toBe(0);
    await a.send("real");
    await onA.done;
  });

  it("resumes after a given id: each message once, in order, none lost", async () => {
    const a = await thread();
    const ids = [a.first.id];
    for (let i = 0; i < 5; i++) ids.push((await a.send(`m${i}`, i % 2 ? a.sitter.id : a.tenant.id)).message.id);
    const after = (id: string) =>
      conversations.messagesAfter(a.conversationId, BigInt(id)).then((ms) => ms.map((m) => m.id));
    expect(await after(ids[2] as string)).toEqual(ids.slice(3));
    expect(await after(ids[5] as string)).toEqual([]);
    expect(await after("0")).toEqual(ids);
    expect((await conversations.messagesAfter(a.conversationId, 0n, 2)).map((m) => m.id)).toEqual(ids.slice(0, 2));
  });

  it("reconnects after losing its connection, waking every subscriber to catch up", async () => {
    const a = await thread();
    await listener.listening();
    await settle();
    const onA = wakes(a.conversationId, 2);
    await sql.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'burrow-message-listener'",
    );
    // Wake-up 1: the catch-up after reconnecting; wake-up 2: a message sent on the new connection.
    await expect.poll(() => onA.seen(), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    await listener.listening();
    await a.send("after the reconnect");
    expect(await onA.done).toBe(2);
  });

  it("holds one connection per process, whatever the number of subscribers", async () => {
    const threads = await Promise.all([thread(), thread(), thread()]);
    const unsubscribes = threads.flatMap((t) =>
      Array.from({ length: 10 }, () => listener.subscribe(t.conversationId, () => {})),
    );
    await listener.listening();
    const { rows } = await sql.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'burrow-message-listener'",
    );
    expect(rows[0].n).toBe(1);
    expect(listener.subscriberCount).toBe(30);
    for (const unsubscribe of unsubscribes) unsubscribe();
    expect(listener.subscriberCount).toBe(0);
  });
});
