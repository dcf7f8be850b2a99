import { notificationRepository } from "@/server/mongo/notifications";
import { Pager } from "../../articles/_components/pager";
import { markAllNotificationsRead } from "../actions";
import { NotificationList } from "./notification-list";

/** One page of the user's notifications, streamed in under the page's heading. */
export async function NotificationResults({ userId, page }: { userId: string; page: number }) {
  const notifications = notificationRepository();
  const [list, unread] = await Promise.all([notifications.list(userId, { page }), notifications.unreadCount(userId)]);
  return (
    <>
      {unread > 0 && (
        <form action={markAllNotificationsRead} className="mb-4">
          <button type="submit" className="button button--secondary">
            Mark all as read
          </button>
        </form>
      )}
      {list.items.length === 0 ? (
        <p className="notice">
          {list.total === 0
            ? "Nothing yet. Booking requests, answers and reviews show up here."
            : "No notifications on this page."}
        </p>
      ) : (
        <NotificationList items={list.items} />
      )}
      <Pager
        page={list.page}
        pageCount={list.pageCount}
        href={(p) => (p > 1 ? `/notifications?page=${p}` : "/notifications")}
      />
    </>
  );
}
