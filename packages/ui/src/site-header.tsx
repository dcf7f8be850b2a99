import Link from "next/link";
import type { ReactNode } from "react";
import { pageWidth } from "./classes";

/** The bar on top of every page of both apps, after a skip link to SiteMain: the app's name, then its navigation. */
export function SiteHeader({ brand, children }: { brand: string; children: ReactNode }) {
  return (
    <>
      <a className="absolute -top-12 left-4 bg-surface px-4 py-2 focus:top-2" href="#main">
        Skip to content
      </a>
      <header className="bg-accent text-accent-contrast [&_:focus-visible]:outline-accent-contrast [&_a]:text-inherit">
        <div className={`${pageWidth} flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3`}>
          <Link className="font-bold text-xl no-underline" href="/">
            {brand}
          </Link>
          {children}
        </div>
      </header>
    </>
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

/** The page's content, in the header's column; the skip link's target. */
function SiteMain({ children }: { children: ReactNode }) {
  return (
    <main id="main" className={`${pageWidth} pt-6 pb-12`}>
      {children}
    </main>
  );
}

/** Both apps' root document: the app's header above the page's content. */
export function SiteDocument({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {header}
        <SiteMain>{children}</SiteMain>
      </body>
    </html>
  );
}

/**
 * A count in a header link ("Messages 3 unread"): inside the link, so the link's name says it too.
 * Nothing when there is nothing to count.
 */
export function UnreadBadge({ count, testId = "unread-count" }: { count: number | null; testId?: string }) {
  if (!count) return null;
  return (
    <>
      {" "}
      <span
        className="inline-block min-w-[1.4em] rounded-full bg-accent px-[0.4em] text-center font-bold text-accent-contrast text-xs/[1.4] in-[header]:bg-accent-contrast in-[header]:text-accent"
        data-testid={testId}
      >
        {count > 99 ? "99+" : count}
      </span>
      <span className="sr-only"> unread</span>
    </>
  );
}
