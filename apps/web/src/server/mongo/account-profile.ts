// A user's profile as the API and pages see it: identity from PostgreSQL (authoritative), the
// rest from the Mongo profile. Route handlers and actions authenticate; these functions do the rest.
import { type AccountUser, type PublicUser, userRepository } from "@burrow/db";
import { failure, invalidInput, type Result } from "@burrow/http/result";
import { isMongoUnavailable } from "./connection";
import { applyProfileChanges, ensureProfileView, findProfileView, type ProfileView } from "./profile";
import { ProfileUpdate } from "./profile-input";

export interface AccountProfile {
  user: AccountUser;
  profile: ProfileView;
}

const GONE = "Your account no longer exists. Sign in again.";

/** MongoDB being unreachable is an expected failure: only the profile features go down with it. */
async function withProfile(user: AccountUser, load: () => Promise<ProfileView>): Promise<Result<AccountProfile>> {
  try {
    return { ok: true, user, profile: await load() };
  } catch (error) {
    if (isMongoUnavailable(error))
      return failure("UNAVAILABLE", "Profiles are unavailable right now. Please try again.");
    throw error;
  }
}

/** GET /api/profile and the profile page: creates the Mongo profile on first access. */
export async function getAccountProfile(userId: string): Promise<Result<AccountProfile>> {
  const user = await userRepository().findById(userId);
  if (!user) return failure("NOT_FOUND", GONE);
  return withProfile(user, () => ensureProfileView(userId));
}

/**
 * PATCH /api/profile and the profile form: `body` is untrusted; nothing is written unless all of it
 * is valid. Field errors are keyed by path (`pets.1.name`): each pet and link row has its own.
 */
export async function updateAccountProfile(userId: string, body: unknown): Promise<Result<AccountProfile>> {
  const parsed = ProfileUpdate.safeParse(body);
  if (!parsed.success) return invalidInput(parsed.error, { byPath: true });
  const user = await userRepository().findById(userId);
  if (!user) return failure("NOT_FOUND", GONE);
  return withProfile(user, () => applyProfileChanges(userId, parsed.data));
}

export interface PublicProfile {
  user: PublicUser;
  /** Null when the user never opened their profile. */
  profile: ProfileView | null;
}

/**
 * /u/[screenname]: null for an unknown screenname. The user is read on a replica when one has replayed
 * `minLsn`, the reader's last write.
 */
export async function getPublicProfile(
  screenname: string,
  minLsn: string | null = null,
): Promise<PublicProfile | null> {
  const user = await userRepository().findByScreenname(screenname, minLsn);
  if (!user) return null;
  return { user, profile: await findProfileView(user.id) };
}
