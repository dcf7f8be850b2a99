// GET: the thread's new messages as server-sent events, for its two members only. Resumes after
// the Last-Event-ID header (the browser's EventSource sends it when it reconnects), else after the
// `after` query parameter (the newest message the page was rendered with), else from the start.
import { conversationRepository, MessageId, messageListener } from "@burrow/db";
import { stoppingSignal } from "@burrow/http/lifecycle";
import { withUser } from "@/auth";
import { messageStream } from "@/server/messages/stream";

type Context = { params: Promise<{ id: string }> };

const json = (body: object, status: number) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const GET = withUser<Context>(async (request, { params, user }) => {
  const { id } = await params;
  const conversations = conversationRepository();
  // Anyone else gets the 404 of a thread that does not exist.
  if (!(await conversations.isMember(id, user.id))) return json({ error: "No such conversation" }, 404);
  const resume = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after") ?? "0";
  const after = MessageId.safeParse(resume);
  if (!after.success) return json({ error: "Last-Event-ID / after must be a message id" }, 400);
  const listener = messageListener();
  const stream = messageStream({
    conversationId: id,
    after: after.data,
    read: (conversationId, afterId, batch) => conversations.messagesAfter(conversationId, afterId, batch),
    subscribe: (conversationId, wake) => listener.subscribe(conversationId, wake),
    // Ends when the browser leaves or this instance shuts down; the browser then reconnects (through
    // the load balancer, to another instance) with Last-Event-ID.
    signal: AbortSignal.any([request.signal, stoppingSignal()]),
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // nginx and similar proxies pass events on at once instead of buffering them.
      "x-accel-buffering": "no",
    },
  });
});
