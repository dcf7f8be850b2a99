"use server";

import { isBoundId } from "@burrow/http/action";
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { notificationRepository } from "@/server/mongo/notifications";

// Both act only on the signed-in user's notifications: the repository filters by their id.

// The list binds the id; any other first argument names no notification.
export async function markNotificationRead(id: string): Promise<void> {
  if (!isBoundId(id)) notFound();
  const user = await requireUser({ returnTo: "/notifications" });
  await notificationRepository().markRead(user.id, id);
  revalidatePath("/", "layout");
}

export async function markAllNotificationsRead(): Promise<void> {
  const user = await requireUser({ returnTo: "/notifications" });
  await notificationRepository().markAllRead(user.id);
  revalidatePath("/", "layout");
}
