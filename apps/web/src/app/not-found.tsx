import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <section className="notice">
      <h1>Page not found</h1>
      <p>There is nothing at this address; the link may be old or mistyped.</p>
      <p>
        <Link href="/listings">Find a stay</Link> or go <Link href="/">back to Burrow</Link>.
      </p>
    </section>
  );
}
