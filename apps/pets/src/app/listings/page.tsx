import { bookingRepository } from "@burrow/db";
import { sitterCancellationsText } from "@burrow/ui/cancellations";
import { toolbar } from "@burrow/ui/classes";
import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requireRole } from "@/auth";
import { SitterListings } from "./_components/listing-table";

export const metadata: Metadata = { title: "Your listings" };

export default async function MyListingsPage() {
  // Signed out or not a sitter is decided (redirect, 403) before anything streams.
  const sitter = await requireRole("SITTER", { returnTo: "/listings" });
  const cancellations = await bookingRepository().sitterCancellations(sitter.id);
  return (
    <section aria-labelledby="listings-heading">
      <div className={toolbar}>
        <h1 id="listings-heading">Your listings</h1>
        <Link className="button" href="/listings/new">
          New listing
        </Link>
      </div>
      <p className="text-muted" data-testid="sitter-cancellations">
        {sitterCancellationsText(cancellations)}, as pet owners see on your listings.
      </p>
      <Suspense fallback={<LoadingCards label="Loading your listings…" />}>
        <SitterListings sitterId={sitter.id} />
      </Suspense>
    </section>
  );
}
