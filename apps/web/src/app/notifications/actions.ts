"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { notificationRepository } from "@/server/mongo/notifications";

// Both act only on the signed-in user's notifications: the repository filters by their id.

export async function markNotificationRead(id: string): Promise<void> {
  const user = await requireUser({ returnTo: "/notifications" });
  await notificationRepository().markRead(user.id, id);
  revalidatePath("/", "layout");
}

export async function markAllNotificationsRead(): Promise<void> {
  const user = await requireUser({ returnTo: "/notifications" });
  await notificationRepository().markAllRead(user.id);
  revalidatePath("/", "layout");
}
