import type { PublicUser } from "@burrow/db";
import type { ProfileView } from "@/server/mongo/profile";
import styles from "./public-profile.module.css";

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
    <article aria-labelledby="profile-name" className={styles.profile}>
      <header className={styles.header}>
        {profile?.avatarUrl && (
          // A plain img: avatars come from any https host, which next/image would need configured.
          <img className={styles.avatar} src={profile.avatarUrl} alt="" width={96} height={96} />
        )}
        <div>
          <h1 id="profile-name">{user.screenname}</h1>
          <p className="muted">
            {ROLE_NAMES[user.role]} · on Burrow since {joined}
          </p>
        </div>
      </header>

      {profile?.bio ? (
        <p className={styles.bio} data-testid="profile-bio">
          {profile.bio}
        </p>
      ) : (
        <p className="muted">{user.screenname} has not written about themselves yet.</p>
      )}

      {profile && profile.categories.length > 0 && (
        <section aria-labelledby="offers-heading">
          <h2 id="offers-heading">Offers</h2>
          <ul className={styles.tags}>
            {profile.categories.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}

      {profile && profile.pets.length > 0 && (
        <section aria-labelledby="pets-heading">
          <h2 id="pets-heading">Pets</h2>
          <ul className={styles.pets}>
            {profile.pets.map((pet, i) => (
              <li key={`${pet.name}-${i}`} className="card">
                <strong>{pet.name}</strong>
                <span className="muted">
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
