import mongoose, { type InferRawDocTypeFromSchema, Schema } from "mongoose";
import { connectMongo } from "./connection";

const petSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 60 },
    species: { type: String, required: true, trim: true, maxlength: 30 },
    age: { type: Number, min: 0, max: 60 },
    notes: { type: String, trim: true, maxlength: 1000 },
  },
  { _id: false },
);

const socialLinkSchema = new Schema(
  {
    label: { type: String, required: true, trim: true, maxlength: 40 },
    url: { type: String, required: true, trim: true, maxlength: 300 },
  },
  { _id: false },
);

const profileSchema = new Schema(
  {
    /** identity.users.id in PostgreSQL: one profile per user. */
    userId: { type: String, required: true, unique: true },
    bio: { type: String, trim: true, maxlength: 2000, default: "" },
    avatarUrl: { type: String, trim: true, maxlength: 500 },
    socialLinks: { type: [socialLinkSchema], default: [] },
    pets: { type: [petSchema], default: [] },
    categories: { type: [String], default: [] },
  },
  { collection: "profiles", timestamps: true },
);

export type ProfileFields = Omit<
  InferRawDocTypeFromSchema<typeof profileSchema>,
  "_id" | "userId" | "createdAt" | "updatedAt"
>;

// Dev hot reloads evaluate this module again: replace the model instead of failing on its name.
export const Profile = mongoose.model("Profile", profileSchema, undefined, { overwriteModels: true });

/** Waits for the connection and for the unique index on userId, which upserts rely on. */
async function ready(): Promise<void> {
  await connectMongo();
  await Profile.init();
}

/**
 * Two upserts racing to insert the same userId: one wins, the other fails on the unique index
 * (E11000). Run once more and it matches the winner's document instead of inserting.
 */
async function retryOnDuplicateKey<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    const duplicateKey = typeof error === "object" && error !== null && "code" in error && error.code === 11000;
    if (!duplicateKey) throw error;
    return await upsert();
  }
}

/**
 * Returns the user's profile, creating an empty one on first use; safe under concurrent calls.
 * Hydrated rather than lean so schema defaults fill fields a stored document lacks (FerretDB 1.x
 * drops empty arrays from `$setOnInsert`).
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

/** Creates or updates the editable fields of a user's profile (profile form, seed). */
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
