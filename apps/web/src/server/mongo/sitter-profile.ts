import "server-only";
import { connectMongo } from "./connection";
import { type AvatarImage, avatarOf, Profile } from "./profile";

export type SitterProfile =
  | { state: "found"; bio: string; avatar: AvatarImage | null; avatarUrl: string | null }
  | { state: "none" }
  | { state: "unavailable" };

/**
 * The public part of a sitter's Mongo profile (bio, avatar), read without creating one. MongoDB
 * being down must not take the listing page with it: that is "unavailable", never an error.
 */
export async function sitterProfile(userId: string): Promise<SitterProfile> {
  try {
    await connectMongo();
    const profile = await Profile.findOne({ userId }, { bio: 1, avatar: 1, avatarUrl: 1 }).lean();
    if (!profile) return { state: "none" };
    // Only https images: a stored URL is user input.
    const avatarUrl = profile.avatarUrl?.startsWith("https://") ? profile.avatarUrl : null;
    return { state: "found", bio: profile.bio ?? "", avatar: avatarOf(profile), avatarUrl };
  } catch {
    return { state: "unavailable" };
  }
}
