// The live stream as `next start` serves it: a real session cookie, the route in Next's request
// scope, the process' LISTEN connection, messages sent through the repository by the other member.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { conversationRepository, messageListener } from "@burrow/db";
import { factories, expectOk as ok } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { inRequestScope } from "@burrow/testing/next";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "./route";

const PETS = "http://localhost:3001";
const { db } = testDatabase();
const make = factories(db);
const conversations = conversationRepository(db);

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("EMAIL_SERVER", "smtp://localhost:2525");
  vi.stubEnv("EMAIL_FROM", "Burrow <no-reply@burrow.test>");
  vi.stubEnv("WEB_URL", "http://localhost:3000");
  vi.stubEnv("PETS_URL", PETS);
});
afterAll(async () => {
  await messageListener().close();
  vi.unstubAllEnvs();
});

async function sessionFor(userId: string) {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 3_600_000) } });
  return sessionToken;
}

async function scene() {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id);
  const first = ok(await conversations.send(tenant.id, { listingId: listing.id, tenantId: tenant.id, body: "Hello?" }));
  const reply = async (body: string) =>
    ok(await conversations.send(sitter.id, { conversationId: first.conversationId, body })).message;
  return { sitter, tenant, conversationId: first.conversationId, first: first.message, reply };
}

/** Opens the stream as the holder of `token`; `close()` is the browser going away. */
async function open(conversationId: string, token: string | null, headers: Record<string, string> = {}, query = "") {
  const abort = new AbortController();
  const request = new NextRequest(`${PETS}/api/conversations/${conversationId}/events${query}`, {
    headers: { ...(token ? { cookie: `authjs.session-token=${token}` } : {}), ...headers },
    signal: abort.signal,
  });
  const response = await inRequestScope(request, (r) => GET(r, { params: Promise.resolve({ id: conversationId }) }));
  return { response, events: events(response), close: () => abort.abort() };
}

interface SseEvent {
  id?: string;
  data?: string;
}

/** Reads the next `n` events that carry data (retry hints and keep-alive comments are skipped). */
function events(response: Response) {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const decoder = new TextDecoder();
  let buffer = "";
  return async (n: number): Promise<SseEvent[]> => {
    reader ??= (response.body as ReadableStream<Uint8Array>).getReader();
    const got: SseEvent[] = [];
    const deadline = Date.now() + 10_000;
    while (got.length < n) {
      let end = buffer.indexOf("\n\n");
      while (end === -1) {
        if (Date.now() > deadline) throw new Error(`only ${got.length} of ${n} events`);
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
        end = buffer.indexOf("\n\n");
      }
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split("\n")) {
        if (line.startsWith("id: ")) event.id = line.slice(4);
        if (line.startsWith("data: ")) event.data = line.slice(6);
      }
      if (event.data !== undefined) got.push(event);
    }
    return got;
  };
}

describe("GET /api/conversations/[id]/events", () => {
  it("refuses the anonymous (401), outsiders and unknown threads (404), and malformed resume ids (400)", async () => {
    const { conversationId, tenant } = await scene();
    expect((await open(conversationId, null)).response.status).toBe(401);
    const intruder = await sessionFor((await make.user("TENANT")).id);
    const outsider = await open(conversationId, intruder);
    expect(outsider.response.status).toBe(404);
    expect(await outsider.response.json()).toEqual({ error: "No such conversation" });
    const member = await sessionFor(tenant.id);
    expect((await open("cnotathread000000000000000", member)).response.status).toBe(404);
    expect((await open("%00", member)).response.status).toBe(404);
    expect((await open(conversationId, member, { "last-event-id": "-1" })).response.status).toBe(400);
    expect((await open(conversationId, member, {}, "?after=abc")).response.status).toBe(400);
  });

  it("sends what is already there after `after`, then each new message live, with its id", async () => {
    const { conversationId, tenant, sitter, first, reply } = await scene();
    const earlier = await reply("Before you opened the page");
    const stream = await open(conversationId, await sessionFor(tenant.id), {}, `?after=${first.id}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const [backlog] = await stream.events(1);
    expect(backlog?.id).toBe(earlier.id);
    const live = await reply("Yes, the garden is fenced: https://fence.example/photo");
    const [event] = await stream.events(1);
    expect(event?.id).toBe(live.id);
    expect(JSON.parse(event?.data ?? "")).toEqual({
      id: live.id,
      senderId: sitter.id,
      body: "Yes, the garden is fenced: https://fence.example/photo",
      createdAt: live.createdAt.toISOString(),
    });
    stream.close();
  });

  it("a reconnect with Last-Event-ID gets exactly the messages it missed, in order", async () => {
    const { conversationId, tenant, first: hello, reply } = await scene();
    const token = await sessionFor(tenant.id);
    const first = await open(conversationId, token, {}, "?after=0");
    const seen = await first.events(1);
    const a = await reply("a");
    seen.push(...(await first.events(1)));
    first.close();
    // While the browser is away:
    const missed = [await reply("b"), await reply("c"), await reply("d")];
    const again = await open(conversationId, token, { "last-event-id": a.id }, "?after=0");
    const resumed = await again.events(3);
    expect(resumed.map((e) => e.id)).toEqual(missed.map((m) => m.id));
    const e = await reply("e");
    expect((await again.events(1))[0]?.id).toBe(e.id);
    again.close();
    expect(seen.map((s) => s.id)).toEqual([hello.id, a.id]);
  });

  it("closing the stream unsubscribes it from the shared listener", async () => {
    const { conversationId, tenant } = await scene();
    const before = messageListener().subscriberCount;
    const stream = await open(conversationId, await sessionFor(tenant.id));
    await stream.events(1);
    expect(messageListener().subscriberCount).toBe(before + 1);
    stream.close();
    await expect.poll(() => messageListener().subscriberCount).toBe(before);
  });
});
