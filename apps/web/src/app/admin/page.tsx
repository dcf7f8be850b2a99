import { userRepository } from "@burrow/db";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireAdmin } from "@/auth";
import { Pager } from "../articles/_components/pager";
import { DataTable } from "./_components/data-table";

export const metadata: Metadata = { title: "Admin" };

const ROLE_NAMES = { TENANT: "Pet owner", SITTER: "Sitter", ADMIN: "Administrator" } as const;

const Query = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  const admin = await requireAdmin({ returnTo: "/admin" });
  const raw = await searchParams;
  const { q, page } = Query.parse({ q: typeof raw.q === "string" ? raw.q : "", page: raw.page });
  const result = await userRepository().search(q, { page });
  const href = (p: number) => {
    const params = new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) });
    return params.size > 0 ? `/admin?${params}` : "/admin";
  };

  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">Admin</h1>
      <p>
        Signed in as <strong>{admin.email}</strong>.
      </p>
      <h2 id="users-heading">Users</h2>
      <form method="get" action="/admin" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Search users">
        <label className="field w-auto flex-[1_1_14rem]">
          <span>Search by e-mail, screenname or name</span>
          <input type="search" name="q" defaultValue={q} maxLength={100} />
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <p className="text-muted" aria-live="polite">
        {result.total === 1 ? "1 user" : `${result.total} users`}
        {q && ` matching “${q}”`}
      </p>
      {result.items.length === 0 ? (
        <p className="notice">No users match. Try part of an e-mail address or a name.</p>
      ) : (
        <DataTable>
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
    </section>
  );
}
