import { toolbar } from "@burrow/ui/classes";
import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/auth";
import { notificationRepository } from "@/server/mongo/notifications";
import { Pager } from "../articles/_components/pager";
import { NotificationList } from "./_components/notification-list";
import { markAllNotificationsRead } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const Query = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/notifications" });
  const { page } = Query.parse(await searchParams);
  const notifications = notificationRepository();
  const [list, unread] = await Promise.all([notifications.list(user.id, { page }), notifications.unreadCount(user.id)]);

  return (
    <section aria-labelledby="notifications-heading">
      <div className={toolbar}>
        <h1 id="notifications-heading">Notifications</h1>
        {unread > 0 && (
          <form action={markAllNotificationsRead}>
            <button type="submit" className="button button--secondary">
              Mark all as read
            </button>
          </form>
        )}
      </div>
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
    </section>
  );
}
