import { bookingDetailsRepository, conversationRepository } from "@burrow/db";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { Thread } from "../../_components/thread";
import { EMPTY_PAGE } from "../../_lib/first-page";

export const metadata: Metadata = { title: "Messages about a stay" };

/** From a booking, for its tenant or its listing's sitter: the thread of (listing, tenant). */
export default async function BookingThreadPage({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  const user = await requireUser({ returnTo: `/messages/booking/${bookingId}` });
  const details = bookingDetailsRepository();
  const asTenant = await details.forTenant(bookingId, user.id);
  const found = asTenant.ok ? asTenant : await details.forSitter(bookingId, user.id);
  if (!found.ok) notFound();
  const { booking } = found;
  const thread = await conversationRepository().threadFor(booking.listing.id, booking.tenantId, user.id);
  if (!thread.ok) notFound();
  if (thread.thread.id) redirect(`/messages/${thread.thread.id}`);
  return <Thread thread={thread.thread} viewerId={user.id} page={EMPTY_PAGE} />;
}
