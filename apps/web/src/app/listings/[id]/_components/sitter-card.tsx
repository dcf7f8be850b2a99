import type { ListingDetails } from "@burrow/db";
import Link from "next/link";
import { type SitterProfile, sitterProfile } from "@/server/mongo/sitter-profile";
import { imageRef } from "@/server/photos";
import { ResponsiveImage } from "../../../_components/responsive-image";

/** The sitter's public profile summary; streamed in, so a slow or absent MongoDB never delays the page. */
export async function SitterCard({ sitter }: { sitter: ListingDetails["sitter"] }) {
  const profile: SitterProfile = await sitterProfile(sitter.id);
  const name = sitter.screenname ?? sitter.name ?? "The sitter";
  return (
    <div className="flex items-start gap-3">
      {profile.state === "found" &&
        (profile.avatar ? (
          <ResponsiveImage image={imageRef("avatar", profile.avatar, "")} layout="small-avatar" />
        ) : (
          profile.avatarUrl && (
            <img className="size-16 flex-none rounded-full object-cover" src={profile.avatarUrl} alt="" />
          )
        ))}
      <div>
        <p>
          <strong>{name}</strong>
          {sitter.screenname && (
            <>
              {" · "}
              <Link href={`/u/${encodeURIComponent(sitter.screenname)}`}>Profile</Link>
            </>
          )}
        </p>
        {profile.state === "found" && profile.bio && <p className="whitespace-pre-line wrap-anywhere">{profile.bio}</p>}
        {profile.state === "none" && <p className="text-muted">This sitter has not written a profile yet.</p>}
        {profile.state === "unavailable" && (
          <p className="text-muted" role="status">
            The sitter's profile is unavailable right now.
          </p>
        )}
      </div>
    </div>
  );
}
