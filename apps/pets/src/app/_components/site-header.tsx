import Link from "next/link";

export function SiteHeader({ webUrl }: { webUrl: string }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link className="site-header__brand" href="/">
          Burrow for sitters
        </Link>
        <nav aria-label="Other Burrow apps">
          <a href={webUrl}>Burrow marketplace</a>
        </nav>
      </div>
    </header>
  );
}
