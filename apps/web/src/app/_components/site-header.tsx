import type { SessionUser } from "@burrow/auth";
import Link from "next/link";
import { Suspense } from "react";
import { NotificationsLink, NotificationsLinkView } from "../notifications/_components/unread-badge";

export function SiteHeader({ petsUrl, user }: { petsUrl: string; user: SessionUser | null }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link className="site-header__brand" href="/">
          Burrow
        </Link>
        <nav aria-label="Explore" className="site-header__account">
          <Link href="/articles">Articles</Link>
          <a href={petsUrl}>Burrow for sitters</a>
        </nav>
        <nav aria-label="Account" className="site-header__account">
          {user ? (
            <>
              <Link href="/account" data-testid="signed-in-user">
                {user.screenname ?? user.email}
              </Link>
              <Suspense fallback={<NotificationsLinkView unread={null} />}>
                <NotificationsLink userId={user.id} />
              </Suspense>
              {user.isAdmin && <Link href="/admin">Admin</Link>}
              <Link href="/auth/signout">Sign out</Link>
            </>
          ) : (
            <Link href="/auth/signin">Sign in</Link>
          )}
        </nav>
      </div>
    </header>
  );
}
