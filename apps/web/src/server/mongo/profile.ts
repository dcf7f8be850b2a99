import mongoose, { type InferRawDocTypeFromSchema, Schema } from "mongoose";
import { connectMongo } from "./connection";
import { retryOnDuplicateKey } from "./duplicate-key";
import { PET_SPECIES, PROFILE_CATEGORIES, PROFILE_LIMITS, type ProfileChanges } from "./profile-input";

// The zod schema in profile-input.ts validates every write; these limits are the last line.
const petSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 60 },
    species: { type: String, required: true, enum: PET_SPECIES },
    age: { type: Number, min: 0, max: 60 },
    notes: { type: String, trim: true, maxlength: 1000 },
  },
  { _id: false },
);

const socialLinkSchema = new Schema(
  {
    label: { type: String, required: true, trim: true, maxlength: 40 },
    url: { type: String, required: true, trim: true, maxlength: 300, match: /^https:\/\// },
  },
  { _id: false },
);

/** An uploaded avatar: square WebP variants in object storage under `key` (@burrow/storage). */
const avatarSchema = new Schema(
  {
    key: {
      type: String,
      required: true,
      maxlength: 200,
      match: /^img\/avatar\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{32}$/,
    },
    width: { type: Number, required: true, min: 1 },
    height: { type: Number, required: true, min: 1 },
    placeholder: { type: String, required: true, maxlength: 1000, match: /^data:image\/webp;base64,/ },
  },
  { _id: false },
);

const profileSchema = new Schema(
  {
    /** identity.users.id in PostgreSQL: one profile per user. */
    userId: { type: String, required: true, unique: true },
    bio: { type: String, trim: true, maxlength: PROFILE_LIMITS.bio, default: "" },
    /** A legacy avatar: an https URL on any host, shown while no avatar is uploaded. */
    avatarUrl: { type: String, trim: true, maxlength: 500, match: /^https:\/\// },
    avatar: { type: avatarSchema, default: undefined },
    socialLinks: { type: [socialLinkSchema], default: [] },
    pets: { type: [petSchema], default: [] },
    categories: { type: [{ type: String, enum: PROFILE_CATEGORIES }], default: [] },
    /** The kinds of e-mail (@burrow/events' EMAIL_KINDS) the user switched off; every other kind is on. */
    emailOff: { type: [{ type: String, maxlength: 64 }], default: [] },
  },
  { collection: "profiles", timestamps: true },
);

type ProfileDoc = InferRawDocTypeFromSchema<typeof profileSchema>;
export type ProfileFields = Omit<ProfileDoc, "_id" | "userId" | "createdAt" | "updatedAt">;

/** An uploaded avatar as the profile keeps it (@burrow/storage's StoredImage). */
export interface AvatarImage {
  key: string;
  width: number;
  height: number;
  placeholder: string;
}

/** A profile as pages and the API show it: plain data, every field present. */
export interface ProfileView {
  bio: string;
  /** The uploaded avatar; it takes precedence over `avatarUrl`. */
  avatar: AvatarImage | null;
  avatarUrl: string | null;
  socialLinks: { label: string; url: string }[];
  pets: { name: string; species: (typeof PET_SPECIES)[number]; age: number | null; notes: string | null }[];
  categories: (typeof PROFILE_CATEGORIES)[number][];
  updatedAt: Date | null;
}

// Dev hot reloads evaluate this module again: replace the model instead of failing on its name.
export const Profile = mongoose.model("Profile", profileSchema, undefined, { overwriteModels: true });

// Not Profile.init(): mongoose keeps its first promise for good, and one started while MongoDB was
// unreachable stays failed after it is back. A failed build here is forgotten and tried again.
let indexed: Promise<unknown> | undefined;

/** Waits for the connection and for the unique index on userId, which upserts rely on. */
async function ready(): Promise<void> {
  await connectMongo();
  indexed ??= Profile.createIndexes().catch((error: unknown) => {
    indexed = undefined;
    throw error;
  });
  await indexed;
}

/** A stored avatar as plain data (a lean or hydrated document), or null. */
export function avatarOf(doc: Pick<Partial<ProfileDoc>, "avatar">): AvatarImage | null {
  const avatar = doc.avatar;
  return avatar
    ? { key: avatar.key, width: avatar.width, height: avatar.height, placeholder: avatar.placeholder }
    : null;
}

/** Defaults fill fields a stored document lacks (FerretDB 1.x drops empty arrays from `$setOnInsert`). */
function toView(doc: Partial<ProfileDoc>): ProfileView {
  return {
    bio: doc.bio ?? "",
    avatar: avatarOf(doc),
    avatarUrl: doc.avatarUrl ?? null,
    socialLinks: (doc.socialLinks ?? []).map(({ label, url }) => ({ label, url })),
    pets: (doc.pets ?? []).map((pet) => ({
      name: pet.name,
      species: pet.species as ProfileView["pets"][number]["species"],
      age: pet.age ?? null,
      notes: pet.notes ?? null,
    })),
    categories: (doc.categories ?? []) as ProfileView["categories"],
    updatedAt: doc.updatedAt ?? null,
  };
}

/**
 * Returns the user's profile, creating an empty one on first use; safe under concurrent calls.
 * Hydrated rather than lean so schema defaults fill fields a stored document lacks.
 */
export async function ensureProfile(userId: string) {
  await ready();
  const now = new Date();
  return retryOnDuplicateKey(() =>
    Profile.findOneAndUpdate(
      { userId },
      { $setOnInsert: { createdAt: now, updatedAt: now } },
      // Timestamps are written on insert only: ensuring a profile must not mark it as edited.
      { upsert: true, returnDocument: "after", timestamps: false },
    ),
  );
}

/** The profile, created on first access (GET /api/profile, the edit page). */
export async function ensureProfileView(userId: string): Promise<ProfileView> {
  return toView((await ensureProfile(userId)).toObject());
}

/** A profile to show others; null when the user never saved one (public pages do not create). */
export async function findProfileView(userId: string): Promise<ProfileView | null> {
  await connectMongo();
  const doc = await Profile.findOne({ userId }).lean();
  return doc ? toView(doc) : null;
}

/** Creates or updates the editable fields of a user's profile (seed; callers validated `fields`). */
export async function upsertProfile(userId: string, fields: Partial<ProfileFields>) {
  await ready();
  return retryOnDuplicateKey(() =>
    Profile.findOneAndUpdate(
      { userId },
      { $set: fields },
      { upsert: true, returnDocument: "after", runValidators: true },
    ),
  );
}

/** Applies validated PATCH changes in one atomic update; a null avatarUrl removes it. */
export async function applyProfileChanges(userId: string, changes: ProfileChanges): Promise<ProfileView> {
  await ready();
  const { avatarUrl, ...rest } = changes;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const update = {
    $set: avatarUrl ? { ...set, avatarUrl } : set,
    ...(avatarUrl === null ? { $unset: { avatarUrl: 1 } } : {}),
  };
  const doc = await retryOnDuplicateKey(() =>
    Profile.findOneAndUpdate({ userId }, update, { upsert: true, returnDocument: "after", runValidators: true }),
  );
  return toView(doc.toObject());
}

/**
 * Makes `avatar` the user's avatar (creating the profile if needed) in one atomic update and returns
 * the one it replaced, whose objects the caller deletes.
 */
export async function replaceAvatar(userId: string, avatar: AvatarImage): Promise<AvatarImage | null> {
  await ready();
  const before = await retryOnDuplicateKey(() =>
    Profile.findOneAndUpdate(
      { userId },
      { $set: { avatar } },
      { upsert: true, returnDocument: "before", runValidators: true },
    ).lean(),
  );
  return before ? avatarOf(before) : null;
}
