import { listingReadRepository } from "@burrow/db";
import { formatMinorUnits } from "@burrow/ui/money";
import { DataTable } from "./data-table";
import { VisibilityForm } from "./visibility-form";

/** A user's listings (read from the pets schema), streamed in under their account's facts. */
export async function UserListings({ userId }: { userId: string }) {
  const listings = await listingReadRepository().listBySitter(userId);
  if (listings.length === 0) return <p className="notice">This user has no listings.</p>;
  return (
    <DataTable aria-labelledby="listings-heading">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">City</th>
          <th scope="col">Status</th>
          <th scope="col">Per night</th>
          <th scope="col">Visibility</th>
        </tr>
      </thead>
      <tbody>
        {listings.map((listing) => (
          <tr key={listing.id}>
            <td>{listing.title}</td>
            <td>{listing.city}</td>
            <td>{listing.status.toLowerCase()}</td>
            <td>{formatMinorUnits(listing.nightlyPriceMinor, listing.currency)}</td>
            <td>
              {listing.hiddenAt ? "Hidden by an admin" : "Public"}
              {/* Listings belong to the pets app: hiding one goes through its internal API. */}
              <VisibilityForm listingId={listing.id} userId={userId} hidden={listing.hiddenAt !== null} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
