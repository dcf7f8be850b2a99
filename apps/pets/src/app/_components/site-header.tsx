import type { SessionUser } from "@burrow/auth";
import Link from "next/link";
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
    <header className="site-header">
      <div className="container site-header__inner">
        <Link className="site-header__brand" href="/">
          Burrow for sitters
        </Link>
        {user && (
          <nav aria-label="Main" className="site-header__nav">
            <ul>
              {pagesFor(user).map((page) => (
                <li key={page.href}>
                  <Link href={page.href}>{page.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <nav aria-label="Other Burrow apps">
          <a href={webUrl}>Burrow marketplace</a>
        </nav>
        <nav aria-label="Account" className="site-header__account">
          {user ? (
            <>
              <Link href="/me" data-testid="signed-in-user">
                {user.screenname ?? user.email}
              </Link>
              <form action={signOutEverywhere}>
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <a href={signInUrl}>Sign in</a>
          )}
        </nav>
      </div>
    </header>
  );
}
