import Link from "next/link";

export function SiteHeader({ petsUrl }: { petsUrl: string }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link className="site-header__brand" href="/">
          Burrow
        </Link>
        <nav aria-label="Other Burrow apps">
          <a href={petsUrl}>Burrow for sitters</a>
        </nav>
      </div>
    </header>
  );
}
