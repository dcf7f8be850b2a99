"use client";

export default function ProfileEditError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <section role="alert" className="notice">
      <h1>Your profile is unavailable right now</h1>
      <p>We could not load your profile, most likely because the profile store is unreachable. Please try again.</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </section>
  );
}
