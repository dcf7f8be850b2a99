import { messageReadRepository } from "@burrow/db";
import { UnreadBadge } from "@burrow/ui/site-header";

/**
 * The header's link to the messages (pets owns them and serves their pages) with the unread count,
 * read straight from the `pets` schema web may read. Inside a Suspense boundary; when the read fails
 * the link shows without a count.
 */
export async function MessagesLink({ petsUrl, userId }: { petsUrl: string; userId: string }) {
  const unread = await messageReadRepository()
    .unreadCount(userId)
    .catch(() => null);
  return <MessagesLinkView petsUrl={petsUrl} unread={unread} />;
}

export function MessagesLinkView({ petsUrl, unread }: { petsUrl: string; unread: number | null }) {
  return (
    <a href={`${petsUrl}/messages`} data-testid="messages-link">
      Messages
      <UnreadBadge count={unread} testId="messages-unread" />
    </a>
  );
}
