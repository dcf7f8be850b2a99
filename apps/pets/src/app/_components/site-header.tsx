import type { SessionUser } from "@burrow/auth";
import { HeaderNav, SiteHeader as Shell } from "@burrow/ui/site-header";
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
    <Shell brand="Burrow for sitters">
      {user && (
        <HeaderNav label="Main">
          <ul>
            {pagesFor(user).map((page) => (
              <li key={page.href}>
                <Link href={page.href}>{page.label}</Link>
              </li>
            ))}
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
