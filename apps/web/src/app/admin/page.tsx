import type { Metadata } from "next";
import { requireAdmin } from "@/auth";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requireAdmin({ returnTo: "/admin" });
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">Admin</h1>
      <p>
        Signed in as <strong>{admin.email}</strong>.
      </p>
    </section>
  );
}
