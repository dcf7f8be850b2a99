import Link from "next/link";
import type { ReactNode } from "react";

/** The bar on top of every page of both apps: the app's name, then its navigation. */
export function SiteHeader({ brand, children }: { brand: string; children: ReactNode }) {
  return (
    <header className="bg-accent text-accent-contrast [&_:focus-visible]:outline-accent-contrast [&_a]:text-inherit">
      <div className="container flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
        <Link className="font-bold text-xl no-underline" href="/">
          {brand}
        </Link>
        {children}
      </div>
    </header>
  );
}

/** One group of header links (a list, links or a sign-out form), wrapping on narrow screens. */
export function HeaderNav({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center gap-x-4 gap-y-2 [&_form]:m-0 [&_ul]:m-0 [&_ul]:flex [&_ul]:list-none [&_ul]:flex-wrap [&_ul]:gap-x-4 [&_ul]:p-0"
    >
      {children}
    </nav>
  );
}
