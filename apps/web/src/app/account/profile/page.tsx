import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { getAccountProfile } from "@/server/mongo/account-profile";
import { PET_SPECIES, PROFILE_CATEGORIES, PROFILE_LIMITS } from "@/server/mongo/profile-input";
import { imageRef } from "@/server/photos";
import { AvatarUpload } from "./_components/avatar-upload";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Edit your profile" };

export default async function EditProfilePage() {
  const user = await requireUser({ returnTo: "/account/profile" });
  const account = await getAccountProfile(user.id);
  if (!account.ok && account.code === "NOT_FOUND") {
    return (
      <p role="alert" className="notice">
        Your account no longer exists. <Link href="/auth/signin">Sign in again</Link>.
      </p>
    );
  }
  // This segment's error.tsx explains an unreachable profile store and offers a retry.
  if (!account.ok) throw new Error(account.message);
  const { screenname } = account.user;
  return (
    <section aria-labelledby="profile-heading" className="max-w-2xl">
      <h1 id="profile-heading">Your public profile</h1>
      <p className="text-muted">
        {screenname ? (
          <>
            Others see it at <Link href={`/u/${screenname}`}>/u/{screenname}</Link>.
          </>
        ) : (
          <>
            Choose a screenname on <Link href="/account">your account page</Link> to get a public profile page.
          </>
        )}
      </p>
      <AvatarUpload current={account.profile.avatar && imageRef("avatar", account.profile.avatar, "")} />
      <ProfileForm
        profile={account.profile}
        species={PET_SPECIES}
        categories={PROFILE_CATEGORIES}
        limits={PROFILE_LIMITS}
      />
    </section>
  );
}
