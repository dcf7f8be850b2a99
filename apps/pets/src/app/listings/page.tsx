import { listingRepository } from "@burrow/db";
import { toolbar } from "@burrow/ui/classes";
import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/auth";
import { ListingTable } from "./_components/listing-table";

export const metadata: Metadata = { title: "Your listings" };

export default async function MyListingsPage() {
  const sitter = await requireRole("SITTER", { returnTo: "/listings" });
  const listings = await listingRepository().listBySitter(sitter.id);
  return (
    <section aria-labelledby="listings-heading">
      <div className={toolbar}>
        <h1 id="listings-heading">Your listings</h1>
        <Link className="button" href="/listings/new">
          New listing
        </Link>
      </div>
      <ListingTable listings={listings} />
    </section>
  );
}
