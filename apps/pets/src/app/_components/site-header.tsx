import type { SessionUser } from "@burrow/auth";
import { messageReadRepository } from "@burrow/db";
import { HeaderNav, SiteHeader as Shell, UnreadBadge } from "@burrow/ui/site-header";
import Link from "next/link";
import { Suspense } from "react";
import { signOutEverywhere } from "../_actions/sign-out";

/** Sitters (and admins) run listings and answer requests; everyone signed in has their own stays. */
function pagesFor(user: SessionUser): { href: string; label: string }[] {
  const sitter = user.isAdmin || user.role === "SITTER";
  return [
    ...(sitter
      ? [
          { href: "/listings", label: "Listings" },
          { href: "/requests", label: "Requests" },
        ]
      : []),
    { href: "/stays", label: "My stays" },
  ];
}

export function SiteHeader({
  webUrl,
  user,
  signInUrl,
}: {
  webUrl: string;
  user: SessionUser | null;
  signInUrl: string;
}) {
  return (
    <Shell brand="Burrow for sitters">
      {user && (
        <HeaderNav label="Main">
          <ul>
            {pagesFor(user).map((page) => (
              <li key={page.href}>
                <Link href={page.href}>{page.label}</Link>
              </li>
            ))}
            <li>
              <Suspense fallback={<MessagesLinkView unread={null} />}>
                <MessagesLink userId={user.id} />
              </Suspense>
            </li>
          </ul>
        </HeaderNav>
      )}
      <HeaderNav label="Other Burrow apps">
        <a href={webUrl}>Burrow marketplace</a>
      </HeaderNav>
      <HeaderNav label="Account">
        {user ? (
          <>
            <Link href="/me" data-testid="signed-in-user">
              {user.screenname ?? user.email}
            </Link>
            <form action={signOutEverywhere}>
              <button type="submit" className="cursor-pointer underline">
                Sign out
              </button>
            </form>
          </>
        ) : (
          <a href={signInUrl}>Sign in</a>
        )}
      </HeaderNav>
    </Shell>
  );
}

/** Messages with the unread count, streamed in so no page waits for it; without a count if the read fails. */
async function MessagesLink({ userId }: { userId: string }) {
  const unread = await messageReadRepository()
    .unreadCount(userId)
    .catch(() => null);
  return <MessagesLinkView unread={unread} />;
}

function MessagesLinkView({ unread }: { unread: number | null }) {
  return (
    <Link href="/messages" data-testid="messages-link">
      Messages
      <UnreadBadge count={unread} testId="messages-unread" />
    </Link>
  );
}
