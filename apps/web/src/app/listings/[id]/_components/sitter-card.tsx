import type { ListingDetails } from "@burrow/db";
import Link from "next/link";
import { type SitterProfile, sitterProfile } from "@/server/mongo/sitter-profile";
import styles from "../../listings.module.css";

/** The sitter's public profile summary; streamed in, so a slow or absent MongoDB never delays the page. */
export async function SitterCard({ sitter }: { sitter: ListingDetails["sitter"] }) {
  const profile: SitterProfile = await sitterProfile(sitter.id);
  const name = sitter.screenname ?? sitter.name ?? "The sitter";
  return (
    <div className={styles.profile}>
      {profile.state === "found" && profile.avatarUrl && (
        <img className={styles.avatar} src={profile.avatarUrl} alt="" />
      )}
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
        {profile.state === "found" && profile.bio && <p className={styles.description}>{profile.bio}</p>}
        {profile.state === "none" && <p className="muted">This sitter has not written a profile yet.</p>}
        {profile.state === "unavailable" && (
          <p className="muted" role="status">
            The sitter's profile is unavailable right now.
          </p>
        )}
      </div>
    </div>
  );
}
