import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { DeleteAccountForm } from "./_components/delete-account-form";

export const metadata: Metadata = { title: "Delete your account" };

export default async function DeleteAccountPage() {
  const user = await requireUser({ returnTo: "/account/delete" });
  return (
    <section aria-labelledby="delete-heading" className="max-w-2xl">
      <h1 id="delete-heading">Delete your account</h1>
      <p>This cannot be undone. When you delete your account:</p>
      <ul>
        <li>your profile, notifications and draft articles are deleted;</li>
        <li>your published articles stay, shown as written by a deleted user;</li>
        <li>your listings are archived and your open requests cancelled;</li>
        <li>past stays stay in the sitter's records, with you shown as a deleted user;</li>
        <li>you are signed out everywhere.</li>
      </ul>
      <p>Accepted stays must be completed or cancelled first.</p>
      <DeleteAccountForm email={user.email} />
    </section>
  );
}
