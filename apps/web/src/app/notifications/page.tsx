import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { requireUser } from "@/auth";
import { NotificationResults } from "./_components/notification-results";

export const metadata: Metadata = { title: "Notifications" };

const Query = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  // Signed out is a redirect, decided before anything streams.
  const user = await requireUser({ returnTo: "/notifications" });
  const { page } = Query.parse(await searchParams);
  return (
    <section aria-labelledby="notifications-heading">
      <h1 id="notifications-heading">Notifications</h1>
      <Suspense key={page} fallback={<LoadingCards label="Loading notifications…" />}>
        <NotificationResults userId={user.id} page={page} />
      </Suspense>
    </section>
  );
}
