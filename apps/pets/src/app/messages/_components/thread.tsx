import { MAX_MESSAGE_LENGTH, type MessagePage, type ThreadView } from "@burrow/db";
import { toolbar } from "@burrow/ui/classes";
import Link from "next/link";
import { threadEntries } from "../_lib/entries";
import { BlockForm } from "./block-form";
import { type ComposeTarget, LiveThread } from "./live-thread";

const displayName = (party: ThreadView["tenant"], fallback: string) =>
  party.left ? "deleted user" : (party.name ?? fallback);

/** Why the viewer cannot write in this thread, or null. */
function closedReason(thread: ThreadView, name: string): string | null {
  if (thread.counterpart.left) return `${name} has left Burrow: you cannot write to them.`;
  if (thread.blocking) return `You blocked ${name}: unblock them to write again.`;
  if (thread.blockedBy) return `${name} does not accept messages from you.`;
  return null;
}

/** A thread page: who and what it is about, the messages with the bookings' status lines, the reply form. */
export function Thread({
  thread,
  viewerId,
  page,
}: {
  thread: ThreadView;
  viewerId: string;
  page: Pick<MessagePage, "messages" | "olderCursor" | "newerFrom">;
}) {
  const counterpartName = displayName(
    thread.counterpart,
    thread.viewerRole === "TENANT" ? "the sitter" : "the pet owner",
  );
  const names = {
    [thread.tenant.id]: displayName(thread.tenant, "Pet owner"),
    [thread.sitter.id]: displayName(thread.sitter, "Sitter"),
  };
  const target: ComposeTarget = thread.id
    ? { conversationId: thread.id }
    : { listingId: thread.listing.id, tenantId: thread.tenant.id };
  const newest = page.newerFrom === null;
  return (
    <article aria-labelledby="thread-heading" className="max-w-3xl">
      <div className={toolbar}>
        <h1 id="thread-heading">
          {counterpartName} · “{thread.listing.title}”
        </h1>
        {thread.id && !thread.counterpart.left && (
          <BlockForm conversationId={thread.id} name={counterpartName} blocking={thread.blocking} />
        )}
      </div>
      <p>
        <Link href="/messages">All messages</Link>
        {thread.viewerRole === "TENANT" && (
          <>
            {" · "}
            <Link href={`/book/${thread.listing.id}`}>Request a stay</Link>
          </>
        )}
      </p>
      {thread.id && page.olderCursor && (
        <p>
          <Link href={`/messages/${thread.id}?before=${page.olderCursor}`} rel="prev">
            Older messages
          </Link>
        </p>
      )}
      <LiveThread
        conversationId={thread.id}
        viewerId={viewerId}
        names={names}
        entries={threadEntries(thread, page)}
        live={newest}
        closed={closedReason(thread, counterpartName)}
        target={target}
        maxLength={MAX_MESSAGE_LENGTH}
      />
      {thread.id && !newest && (
        <p>
          <Link href={`/messages/${thread.id}`}>Newest messages</Link>
        </p>
      )}
    </article>
  );
}
