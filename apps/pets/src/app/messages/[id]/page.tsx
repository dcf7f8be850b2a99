import { conversationRepository } from "@burrow/db";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { Thread } from "../_components/thread";

export const metadata: Metadata = { title: "Conversation" };

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const user = await requireUser({ returnTo: `/messages/${id}` });
  const conversations = conversationRepository();
  // Members only: anyone else gets the same 404 as for a thread that does not exist.
  const found = await conversations.thread(id, user.id);
  if (!found.ok) notFound();
  const before = typeof query.before === "string" ? query.before : undefined;
  const page = await conversations.messages(user.id, {
    conversationId: id,
    ...(before === undefined ? {} : { before }),
  });
  if (!page.ok) notFound();
  return <Thread thread={found.thread} viewerId={user.id} page={page} />;
}
