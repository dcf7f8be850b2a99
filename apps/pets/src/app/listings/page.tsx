import { listingRepository } from "@burrow/db";
import type { Metadata } from "next";
import { requireRole } from "@/auth";
import { formatMinorUnits } from "@/lib/money";

export const metadata: Metadata = { title: "Your listings" };

export default async function MyListingsPage() {
  const sitter = await requireRole("SITTER", { returnTo: "/listings" });
  const listings = await listingRepository().listBySitter(sitter.id);
  return (
    <section aria-labelledby="listings-heading">
      <h1 id="listings-heading">Your listings</h1>
      {listings.length === 0 ? (
        <p className="notice">You have no listings yet.</p>
      ) : (
        <ul className="listing-grid">
          {listings.map((listing) => (
            <li key={listing.id} className="card">
              <h2 className="card__title">{listing.title}</h2>
              <p>
                {formatMinorUnits(listing.nightlyPriceMinor, listing.currency)} / night · {listing.status.toLowerCase()}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
