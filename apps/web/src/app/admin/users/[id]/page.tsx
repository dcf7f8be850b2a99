import { listingReadRepository, userRepository } from "@burrow/db";
import { facts } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/auth";
import { DataTable } from "../../_components/data-table";
import { RoleForm } from "../../_components/role-form";
import { VisibilityForm } from "../../_components/visibility-form";

export const metadata: Metadata = { title: "User · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminUserPage({ params }: Props) {
  const { id } = await params;
  const admin = await requireAdmin({ returnTo: `/admin/users/${id}` });
  const user = await userRepository().findById(id);
  if (!user) notFound();
  // Listings belong to the pets app: hiding one goes through its internal API.
  const listings = await listingReadRepository().listBySitter(user.id);

  return (
    <section aria-labelledby="user-heading">
      <p>
        <Link href="/admin">← All users</Link>
      </p>
      <h1 id="user-heading">{user.screenname ?? user.email}</h1>
      <dl className={facts}>
        <dt>E-mail</dt>
        <dd>{user.email}</dd>
        <dt>Name</dt>
        <dd>{user.name ?? "—"}</dd>
        <dt>Public profile</dt>
        <dd>
          {user.screenname ? <Link href={`/u/${user.screenname}`}>/u/{user.screenname}</Link> : "No screenname yet"}
        </dd>
      </dl>
      <h2>Role</h2>
      <RoleForm
        userId={user.id}
        role={user.role}
        disabledReason={
          user.id === admin.id ? "You cannot change your own role: ask another administrator." : undefined
        }
      />
      <h2 id="listings-heading">Listings</h2>
      {listings.length === 0 ? (
        <p className="notice">This user has no listings.</p>
      ) : (
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
                  <VisibilityForm listingId={listing.id} userId={user.id} hidden={listing.hiddenAt !== null} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
