import { userRepository } from "@burrow/db";
import { facts } from "@burrow/ui/classes";
import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireAdmin } from "@/auth";
import { RoleForm } from "../../_components/role-form";
import { UserListings } from "../../_components/user-listings";

export const metadata: Metadata = { title: "User · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminUserPage({ params }: Props) {
  const { id } = await params;
  // 403 for a non-admin and 404 for an unknown user are decided before anything streams.
  const admin = await requireAdmin({ returnTo: `/admin/users/${id}` });
  const user = await userRepository().findById(id);
  if (!user) notFound();

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
      <Suspense fallback={<LoadingCards label="Loading listings…" />}>
        <UserListings userId={user.id} />
      </Suspense>
    </section>
  );
}
