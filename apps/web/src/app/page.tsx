import { lastWrite } from "@burrow/auth/read-your-writes";
import { listingReadRepository } from "@burrow/db";
import Link from "next/link";
import { connection } from "next/server";
import { ListingList } from "./_components/listing-list";
import { SearchForm } from "./listings/_components/search-form";
import { formValues } from "./listings/_lib/search-url";

export default async function HomePage() {
  // Listings change all the time: read them per request, never at build.
  await connection();
  // On a replica unless this browser's last write has not reached one yet.
  const listings = await listingReadRepository().listActive({ limit: 24, minLsn: await lastWrite() });

  return (
    <section aria-labelledby="stays-heading">
      <h1 id="stays-heading">Stays near you</h1>
      <SearchForm values={formValues({})} compact />
      <p>
        <Link href="/listings">Browse every stay</Link> with more filters: price, species, words, rating.
      </p>
      <ListingList listings={listings} />
    </section>
  );
}
