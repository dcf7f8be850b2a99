import { conversationRepository, type InboxItem } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";
import { UnreadBadge } from "@burrow/ui/site-header";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";

export const metadata: Metadata = { title: "Messages" };

const SNIPPET = 140;
const snippet = (text: string) => (text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text);

/** Threads about the user's stays (as a pet owner) and about their listings (as a sitter), last message first. */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const user = await requireUser({ returnTo: "/messages" });
  const cursor = typeof query.cursor === "string" ? query.cursor : undefined;
  const result = await conversationRepository().inbox(user.id, cursor === undefined ? {} : { cursor });
  return (
    <section aria-labelledby="messages-heading" className="max-w-3xl">
      <h1 id="messages-heading">Messages</h1>
      {!result.ok ? (
        <p className="notice notice--error" role="alert">
          That page link is malformed. <Link href="/messages">Start from the newest</Link>.
        </p>
      ) : result.items.length === 0 ? (
        <p className="notice">
          No conversations yet. Ask a sitter a question from their listing on the marketplace, or write from one of your
          stays.
        </p>
      ) : (
        <>
          <ul className={`${cardList} mb-4`} data-testid="inbox">
            {result.items.map((item) => (
              <InboxRow key={item.id} item={item} />
            ))}
          </ul>
          <nav aria-label="Pages" className="flex gap-4">
            {cursor && <Link href="/messages">Newest conversations</Link>}
            {result.nextCursor && (
              <Link href={`/messages?cursor=${result.nextCursor}`} rel="next">
                Older conversations
              </Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const name = item.counterpart.left
    ? "deleted user"
    : (item.counterpart.name ?? (item.viewerRole === "TENANT" ? "Sitter" : "Pet owner"));
  return (
    <li className="card" data-testid="conversation">
      <h2 className="flex flex-wrap items-center gap-2">
        <Link href={`/messages/${item.id}`}>
          {name} · “{item.listing.title}”
        </Link>
        {item.unread > 0 && <UnreadBadge count={item.unread} />}
      </h2>
      <p className="text-muted text-sm">
        {item.viewerRole === "TENANT" ? "You asked as a pet owner" : "About your listing"} ·{" "}
        <time dateTime={item.lastMessageAt.toISOString()}>
          {item.lastMessageAt.toISOString().slice(0, 16).replace("T", " ")} UTC
        </time>
      </p>
      {item.lastMessage && (
        <p className="wrap-anywhere">
          {item.lastMessage.fromViewer && "You: "}
          {snippet(item.lastMessage.body)}
        </p>
      )}
    </li>
  );
}
