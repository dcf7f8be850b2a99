import { lastWrite } from "@burrow/auth/read-your-writes";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getPublicProfile } from "@/server/mongo/account-profile";
import { PublicProfileView } from "./_components/public-profile";

type Props = { params: Promise<{ screenname: string }> };

// generateMetadata and the page share one lookup per request, on a replica unless this browser's last
// write has not reached one yet. Next hands over the segment decoded once (`/u/%25ff` is "%ff"):
// decoding it again would throw on such names.
const load = cache(async (screenname: string) => getPublicProfile(screenname, await lastWrite()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).screenname);
  return { title: found ? (found.user.screenname ?? "Profile") : "Profile not found" };
}

export default async function PublicProfilePage({ params }: Props) {
  const found = await load((await params).screenname);
  if (!found) notFound();
  return <PublicProfileView user={found.user} profile={found.profile} />;
}
