// The Mongo side of account deletion: the saga's log and its three Mongo steps. Every function is
// idempotent, because a saga that failed midway runs its steps again when it resumes.
import mongoose, { Schema } from "mongoose";
import { Article } from "./articles";
import { connectMongo } from "./connection";
import { Notification } from "./notifications";
import { Profile } from "./profile";

/** Articles of deleted users keep their text under this author id; nobody can edit them. */
export const DELETED_AUTHOR_ID = "deleted-user";

const accountDeletionSchema = new Schema(
  {
    /** identity.users.id of the account being deleted. */
    _id: { type: String, required: true },
    /** Steps finished so far, in order. */
    done: { type: [String], default: [] },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
  },
  { collection: "account_deletions", versionKey: false },
);
accountDeletionSchema.index({ finishedAt: 1 });

const AccountDeletion = mongoose.model("AccountDeletion", accountDeletionSchema, undefined, { overwriteModels: true });

export interface DeletionLog {
  userId: string;
  done: string[];
  finishedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** Opens the log (or reopens an unfinished one) and counts the attempt. */
export async function beginDeletionLog(userId: string, now = new Date()): Promise<DeletionLog> {
  await connectMongo();
  const doc = await AccountDeletion.findOneAndUpdate(
    { _id: userId },
    { $setOnInsert: { startedAt: now, done: [], finishedAt: null }, $inc: { attempts: 1 } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  if (!doc) throw new Error(`account deletion log for ${userId} could not be opened`);
  return {
    userId,
    done: doc.done ?? [],
    finishedAt: doc.finishedAt ?? null,
    attempts: doc.attempts ?? 1,
    lastError: doc.lastError ?? null,
  };
}

export async function recordDeletionStep(userId: string, step: string): Promise<void> {
  await AccountDeletion.updateOne({ _id: userId }, { $addToSet: { done: step } });
}

export async function recordDeletionFailure(userId: string, error: string): Promise<void> {
  await AccountDeletion.updateOne({ _id: userId }, { $set: { lastError: error.slice(0, 1000) } });
}

/** Drops the log of a deletion refused before any step ran. */
export async function abandonDeletionLog(userId: string): Promise<void> {
  await AccountDeletion.deleteOne({ _id: userId, finishedAt: null });
}

export async function finishDeletionLog(userId: string, now = new Date()): Promise<void> {
  await AccountDeletion.updateOne({ _id: userId }, { $set: { finishedAt: now, lastError: null } });
}

/** Deletions that started and did not finish, oldest first. */
export async function unfinishedDeletions(limit = 50): Promise<string[]> {
  await connectMongo();
  const docs = await AccountDeletion.find({ finishedAt: null }).sort({ startedAt: 1 }).limit(limit).lean();
  return docs.map((d) => d._id);
}

export async function deleteNotificationsOf(userId: string): Promise<void> {
  await Notification.deleteMany({ userId });
}

/** Drafts are personal and go; published articles stay for readers, without their author. */
export async function anonymiseArticlesOf(userId: string): Promise<void> {
  await Article.deleteMany({ authorId: userId, status: "DRAFT" });
  await Article.updateMany({ authorId: userId }, { $set: { authorId: DELETED_AUTHOR_ID } });
}

export async function deleteProfileOf(userId: string): Promise<void> {
  await Profile.deleteOne({ userId });
}
