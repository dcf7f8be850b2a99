// The log that makes e-mail idempotent: one document per (key, recipient, kind), where the key is the
// outbox event's id (or another idempotency key, e.g. a digest's window), under a unique index.
//
// The crash window between "SMTP accepted it" and "we wrote that down" cannot be closed without a
// transaction spanning both, so we choose at-least-once at the SMTP boundary: a claim is written
// ("sending") before the message goes out and marked "sent" after. A sender that fails releases its
// claim, so the outbox's retry sends again; a sender that dies leaves a claim that another may take
// over once it is CLAIM_LEASE_MS old. Only a death between the SMTP server's acceptance and the "sent"
// mark can send an e-mail twice; redeliveries of a handled event never do.
import mongoose, { Schema } from "mongoose";
import { connectMongo } from "./connection";
import { isDuplicateKey } from "./duplicate-key";

/** How long a claim protects a send in progress before another delivery may take it over. */
export const CLAIM_LEASE_MS = 2 * 60_000;

const sentEmailSchema = new Schema(
  {
    key: { type: String, required: true, maxlength: 200 },
    /** identity.users.id of the recipient. */
    userId: { type: String, required: true, maxlength: 64 },
    kind: { type: String, required: true, maxlength: 64 },
    status: { type: String, required: true, enum: ["sending", "sent"] },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    /** The SMTP server's id for the message. */
    messageId: { type: String, default: null, maxlength: 500 },
  },
  { collection: "sent_emails", versionKey: false },
);
sentEmailSchema.index({ key: 1, userId: 1, kind: 1 }, { unique: true });

export const SentEmail = mongoose.model("SentEmail", sentEmailSchema, undefined, { overwriteModels: true });

export interface EmailKey {
  key: string;
  userId: string;
  kind: string;
}

let indexed: Promise<unknown> | undefined;
async function ready(): Promise<void> {
  await connectMongo();
  indexed ??= SentEmail.createIndexes().catch((error: unknown) => {
    indexed = undefined;
    throw error;
  });
  await indexed;
}

export type Claim = "claimed" | "sent" | "in-progress";

/**
 * Claims the right to send this e-mail: "claimed" (send it now), "sent" (it went out before), or
 * "in-progress" (another delivery claimed it less than CLAIM_LEASE_MS ago: fail and retry later).
 */
export async function claimEmail(id: EmailKey, now = new Date()): Promise<Claim> {
  await ready();
  try {
    await SentEmail.create({ ...id, status: "sending", claimedAt: now });
    return "claimed";
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Taken: by a finished send, by one in progress, or by one that died (then take it over).
  const stale = new Date(now.getTime() - CLAIM_LEASE_MS);
  const taken = await SentEmail.findOneAndUpdate(
    { ...id, status: "sending", claimedAt: { $lte: stale } },
    { $set: { claimedAt: now } },
  ).lean();
  if (taken) return "claimed";
  const existing = await SentEmail.findOne(id).lean();
  return existing?.status === "sent" ? "sent" : "in-progress";
}

export async function markEmailSent(id: EmailKey, messageId: string | null, now = new Date()): Promise<void> {
  await SentEmail.updateOne(id, { $set: { status: "sent", sentAt: now, messageId } });
}

/** Gives up a claim after a failed send, so the retry of the event sends at once. */
export async function releaseEmail(id: EmailKey): Promise<void> {
  await SentEmail.deleteOne({ ...id, status: "sending" });
}
