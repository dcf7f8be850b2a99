import { listingRepository } from "@burrow/db";
import { connection } from "next/server";
import { ListingList } from "./_components/listing-list";

export default async function HomePage() {
  // Listings change all the time: read them per request, never at build.
  await connection();
  const listings = await listingRepository().listActive({ limit: 24 });

  return (
    <section aria-labelledby="stays-heading">
      <h1 id="stays-heading">Stays near you</h1>
      <ListingList listings={listings} />
    </section>
  );
}
