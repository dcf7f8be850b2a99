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

export function NotificationsLinkView({ unread }: { unread: number | null }) {
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <Link href="/notifications" aria-label={label} data-testid="notifications-link">
      Notifications
      {unread ? (
        <span
          className="ms-1.5 inline-block min-w-[1.4em] rounded-full bg-accent-contrast px-[0.4em] text-center font-bold text-accent text-xs/[1.4]"
          data-testid="unread-count"
          aria-hidden="true"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
