import { UnreadBadge } from "@burrow/ui/site-header";
import Link from "next/link";
import { notificationRepository } from "@/server/mongo/notifications";

/**
 * The header's link to /notifications with the unread count. Rendered inside a Suspense boundary:
 * the rest of the page never waits for MongoDB, and when it is down the link shows without a count.
 */
export async function NotificationsLink({ userId }: { userId: string }) {
  const unread = await notificationRepository()
    .unreadCount(userId)
    .catch(() => null);
  return <NotificationsLinkView unread={unread} />;
}

/** The count is part of the link's text ("Notifications 3 unread"), so its name contains what it shows. */
export function NotificationsLinkView({ unread }: { unread: number | null }) {
  return (
    <Link href="/notifications" data-testid="notifications-link">
      Notifications
      <UnreadBadge count={unread} />
    </Link>
  );
}
