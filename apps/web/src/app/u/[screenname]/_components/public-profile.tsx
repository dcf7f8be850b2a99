import type { PublicUser } from "@burrow/db";
import { bareList, cardGrid, pill } from "@burrow/ui/classes";
import type { ProfileView } from "@/server/mongo/profile";
import { imageRef } from "@/server/photos";
import { ResponsiveImage } from "../../../_components/responsive-image";

const AVATAR = "size-24 rounded-full bg-border object-cover";

const ROLE_NAMES = { TENANT: "Pet owner", SITTER: "Sitter", ADMIN: "Burrow team" } as const;
const SPECIES_NAMES: Record<string, string> = {
  DOG: "dog",
  CAT: "cat",
  BIRD: "bird",
  RABBIT: "rabbit",
  RODENT: "rodent",
  REPTILE: "reptile",
  FISH: "fish",
  OTHER: "pet",
};

export function PublicProfileView({ user, profile }: { user: PublicUser; profile: ProfileView | null }) {
  const joined = new Intl.DateTimeFormat("en", { month: "long", year: "numeric" }).format(user.createdAt);
  return (
    <article aria-labelledby="profile-name" className="max-w-176">
      <header className="mb-4 flex flex-wrap items-center gap-4">
        {profile?.avatar ? (
          <ResponsiveImage image={imageRef("avatar", profile.avatar, "")} layout="avatar" eager />
        ) : (
          profile?.avatarUrl && (
            // A plain img: legacy avatars come from any https host, which next/image would need configured.
            <img className={AVATAR} src={profile.avatarUrl} alt="" width={96} height={96} />
          )
        )}
        <div>
          <h1 id="profile-name" className="m-0">
            {user.screenname}
          </h1>
          <p className="mt-1 mb-0 text-muted">
            {ROLE_NAMES[user.role]} · on Burrow since {joined}
          </p>
        </div>
      </header>

      {profile?.bio ? (
        <p className="whitespace-pre-line wrap-anywhere" data-testid="profile-bio">
          {profile.bio}
        </p>
      ) : (
        <p className="text-muted">{user.screenname} has not written about themselves yet.</p>
      )}

      {profile && profile.categories.length > 0 && (
        <section aria-labelledby="offers-heading">
          <h2 id="offers-heading">Offers</h2>
          <ul className={`${bareList} flex flex-wrap gap-2`}>
            {profile.categories.map((c) => (
              <li key={c} className={`${pill} border-border bg-surface`}>
                {c}
              </li>
            ))}
          </ul>
        </section>
      )}

      {profile && profile.pets.length > 0 && (
        <section aria-labelledby="pets-heading">
          <h2 id="pets-heading">Pets</h2>
          <ul className={cardGrid}>
            {profile.pets.map((pet, i) => (
              <li key={`${pet.name}-${i}`} className="card">
                <strong>{pet.name}</strong>
                <span className="text-muted">
                  {" "}
                  · {SPECIES_NAMES[pet.species]}
                  {pet.age !== null && `, ${pet.age} ${pet.age === 1 ? "year" : "years"} old`}
                </span>
                {pet.notes && <p>{pet.notes}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {profile && profile.socialLinks.length > 0 && (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">Links</h2>
          <ul>
            {profile.socialLinks.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="nofollow noopener noreferrer ugc">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
