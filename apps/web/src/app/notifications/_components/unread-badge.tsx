import Link from "next/link";
import { notificationRepository } from "@/server/mongo/notifications";
import styles from "./notifications.module.css";

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
        <span className={styles.badge} data-testid="unread-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
