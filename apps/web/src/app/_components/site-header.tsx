import type { SessionUser } from "@burrow/auth";
import Link from "next/link";

export function SiteHeader({ petsUrl, user }: { petsUrl: string; user: SessionUser | null }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link className="site-header__brand" href="/">
          Burrow
        </Link>
        <nav aria-label="Other Burrow apps">
          <a href={petsUrl}>Burrow for sitters</a>
        </nav>
        <nav aria-label="Account" className="site-header__account">
          {user ? (
            <>
              <Link href="/account" data-testid="signed-in-user">
                {user.screenname ?? user.email}
              </Link>
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
