"use client";

export default function NotificationsError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <section role="alert" className="notice">
      <h1>Notifications are unavailable right now</h1>
      <p>We could not load your notifications, most likely because their store is unreachable. Please try again.</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </section>
  );
}
