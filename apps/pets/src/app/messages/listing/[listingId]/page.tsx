import { conversationRepository } from "@burrow/db";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { Thread } from "../../_components/thread";
import { EMPTY_PAGE } from "../../_lib/first-page";

export const metadata: Metadata = { title: "Ask a question" };

/** "Ask a question" from a listing page: the tenant's thread about the listing, opened by its first message. */
export default async function AskPage({ params }: { params: Promise<{ listingId: string }> }) {
  const { listingId } = await params;
  const user = await requireUser({ returnTo: `/messages/listing/${listingId}` });
  const found = await conversationRepository().threadFor(listingId, user.id, user.id);
  if (!found.ok) {
    if (found.code !== "VALIDATION") notFound();
    return (
      <section aria-labelledby="ask-heading">
        <h1 id="ask-heading">Ask a question</h1>
        <p className="notice">
          This is your own listing: you cannot message yourself. <Link href="/messages">Your messages</Link>
        </p>
      </section>
    );
  }
  if (found.thread.id) redirect(`/messages/${found.thread.id}`);
  return <Thread thread={found.thread} viewerId={user.id} page={EMPTY_PAGE} />;
}
