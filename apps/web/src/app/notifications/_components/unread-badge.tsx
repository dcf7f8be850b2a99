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
      {unread ? (
        <>
          {" "}
          <span
            className="inline-block min-w-[1.4em] rounded-full bg-accent-contrast px-[0.4em] text-center font-bold text-accent text-xs/[1.4]"
            data-testid="unread-count"
          >
            {unread > 99 ? "99+" : unread}
          </span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
