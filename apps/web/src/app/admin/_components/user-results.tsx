import { userRepository } from "@burrow/db";
import Link from "next/link";
import { Pager } from "../../articles/_components/pager";
import { DataTable } from "./data-table";

const ROLE_NAMES = { TENANT: "Pet owner", SITTER: "Sitter", ADMIN: "Administrator" } as const;

interface Props {
  q: string;
  page: number;
  href: (page: number) => string;
}

/** One page of the users matching `q`, streamed in under the search form. */
export async function UserResults({ q, page, href }: Props) {
  const result = await userRepository().search(q, { page });
  return (
    <>
      <p className="text-muted" aria-live="polite">
        {result.total === 1 ? "1 user" : `${result.total} users`}
        {q && ` matching “${q}”`}
      </p>
      {result.items.length === 0 ? (
        <p className="notice">No users match. Try part of an e-mail address or a name.</p>
      ) : (
        <DataTable aria-labelledby="users-heading">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Screenname</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Listings</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link href={`/admin/users/${user.id}`}>{user.email}</Link>
                </td>
                <td>{user.screenname ?? "—"}</td>
                <td>{user.name ?? "—"}</td>
                <td>{user.deletedAt ? "Deleted account" : ROLE_NAMES[user.role]}</td>
                <td>{user.listingCount}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager page={result.page} pageCount={result.pageCount} href={href} />
    </>
  );
}
