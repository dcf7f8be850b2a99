import { actions, cardList } from "@burrow/ui/classes";
import Link from "next/link";
import type { NotificationView } from "@/server/mongo/notifications";
import { markNotificationRead } from "../actions";

const formatTime = (date: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(date);

export function NotificationList({ items }: { items: NotificationView[] }) {
  return (
    <ul className={cardList}>
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? "card" : "card border-s-4 border-s-accent"} data-testid="notification">
          <div className={`${actions} justify-between gap-x-4`}>
            <div>
              <h2>
                {n.link ? <Link href={n.link}>{n.title}</Link> : n.title}
                {!n.readAt && <span className="text-muted"> (unread)</span>}
              </h2>
              {n.body && <p>{n.body}</p>}
              <p className="text-muted">
                <time dateTime={n.createdAt.toISOString()}>{formatTime(n.createdAt)}</time>
              </p>
            </div>
            {!n.readAt && (
              <form action={markNotificationRead.bind(null, n.id)}>
                <button type="submit" className="button button--secondary">
                  Mark as read<span className="sr-only">: {n.title}</span>
                </button>
              </form>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
