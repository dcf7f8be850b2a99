import type { SessionUser } from "@burrow/auth";
import { HeaderNav, SiteHeader as Shell } from "@burrow/ui/site-header";
import Link from "next/link";
import { Suspense } from "react";
import { NotificationsLink, NotificationsLinkView } from "../notifications/_components/unread-badge";
import { MessagesLink, MessagesLinkView } from "./messages-link";

export function SiteHeader({ petsUrl, user }: { petsUrl: string; user: SessionUser | null }) {
  return (
    <Shell brand="Burrow">
      <HeaderNav label="Explore">
        <Link href="/articles">Articles</Link>
        <a href={petsUrl}>Burrow for sitters</a>
      </HeaderNav>
      <HeaderNav label="Account">
        {user ? (
          <>
            <Link href="/account" data-testid="signed-in-user">
              {user.screenname ?? user.email}
            </Link>
            <Suspense fallback={<MessagesLinkView petsUrl={petsUrl} unread={null} />}>
              <MessagesLink petsUrl={petsUrl} userId={user.id} />
            </Suspense>
            <Suspense fallback={<NotificationsLinkView unread={null} />}>
              <NotificationsLink userId={user.id} />
            </Suspense>
            {user.isAdmin && <Link href="/admin">Admin</Link>}
            <Link href="/auth/signout">Sign out</Link>
          </>
        ) : (
          <Link href="/auth/signin">Sign in</Link>
        )}
      </HeaderNav>
    </Shell>
  );
}
