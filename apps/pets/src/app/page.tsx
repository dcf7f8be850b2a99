import { lastWrite } from "@burrow/auth/read-your-writes";
import { listingRepository } from "@burrow/db";
import { connection } from "next/server";
import { ListingsByCity } from "./_components/listings-by-city";

const LISTINGS_SHOWN = 100;

export default async function DashboardPage() {
  // Listings change all the time: read them per request, never at build.
  await connection();
  const repository = listingRepository();
  const [listings, activeCount] = await Promise.all([
    // On a replica unless this browser's last write has not reached one yet.
    repository.listActive({ limit: LISTINGS_SHOWN, minLsn: await lastWrite() }),
    repository.countActive(),
  ]);

  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading">Sitter dashboard</h1>
      <p className="text-muted">
        {activeCount} active {activeCount === 1 ? "listing" : "listings"}
        {activeCount > listings.length && `, showing the newest ${listings.length}`}
      </p>
      <ListingsByCity listings={listings} />
    </section>
  );
}
