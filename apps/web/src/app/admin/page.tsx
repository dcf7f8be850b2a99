import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { requireAdmin } from "@/auth";
import { UserResults } from "./_components/user-results";

export const metadata: Metadata = { title: "Admin" };

const Query = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  // Not an admin: 403 (signed out: the sign-in page), decided before anything streams.
  const admin = await requireAdmin({ returnTo: "/admin" });
  const raw = await searchParams;
  const { q, page } = Query.parse({ q: typeof raw.q === "string" ? raw.q : "", page: raw.page });
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
      <Suspense key={href(page)} fallback={<LoadingCards label="Loading users…" />}>
        <UserResults q={q} page={page} href={href} />
      </Suspense>
    </section>
  );
}
