// A thread page's entries for the browser: messages, and its bookings' status changes as system
// lines with their text and a link to the booking as the viewer sees it.
import { type BookingHistory, interleave, type MessagePage, type SystemLine, type ThreadView } from "@burrow/db";
import { type LiveMessage, liveMessage } from "@/lib/live-message";

export type ThreadEntry =
  | ({ kind: "message" } & LiveMessage)
  | { kind: "system"; key: string; text: string; href: string; createdAt: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function lineText(line: SystemLine, viewerRole: ThreadView["viewerRole"]): string {
  const b: BookingHistory = line.booking;
  const stay = `Stay ${b.start} to ${b.end}`;
  switch (line.event) {
    case "REQUESTED":
      return `${stay} requested (${plural(b.pets, "pet")})`;
    case "ACCEPTED":
      return `${stay} accepted`;
    case "DECLINED":
      return `${stay} declined`;
    case "EXPIRED":
      return `${stay}: the request expired without an answer`;
    case "COMPLETED":
      return `${stay} completed`;
    case "CANCELLED": {
      const by =
        b.cancelledBy === "SITTER"
          ? viewerRole === "SITTER"
            ? "by you"
            : "by the sitter"
          : viewerRole === "TENANT"
            ? "by you"
            : "by the pet owner";
      return `${stay} cancelled ${by}${b.cancelReason ? `: “${b.cancelReason}”` : ""}`;
    }
  }
}

export function threadEntries(thread: ThreadView, page: Pick<MessagePage, "messages" | "olderCursor" | "newerFrom">) {
  const entries = interleave(page.messages, thread.bookings, {
    olderPages: page.olderCursor !== null,
    newerFrom: page.newerFrom,
  });
  return entries.map((entry): ThreadEntry => {
    if (entry.kind === "message") return { kind: "message", ...liveMessage(entry.message) };
    const base = thread.viewerRole === "TENANT" ? "/stays" : "/requests";
    return {
      kind: "system",
      key: entry.key,
      text: lineText(entry, thread.viewerRole),
      href: `${base}/${entry.booking.id}`,
      createdAt: entry.at.toISOString(),
    };
  });
}
