// Which e-mails a user gets, kept in their profile as the list of kinds switched off: every kind is on
// until switched off, including kinds added later. Writes never touch the profile's updatedAt (the
// public profile's "last edited"), and create the profile when the user has none yet.
import { EMAIL_KIND_NAMES, type EmailKind } from "@burrow/events";
import { connectMongo } from "./connection";
import { retryOnDuplicateKey } from "./duplicate-key";
import { Profile } from "./profile";

export type EmailPreferences = Record<EmailKind, boolean>;

const fromOff = (off: readonly string[]): EmailPreferences =>
  Object.fromEntries(EMAIL_KIND_NAMES.map((kind) => [kind, !off.includes(kind)])) as EmailPreferences;

export async function emailPreferences(userId: string): Promise<EmailPreferences> {
  await connectMongo();
  const doc = await Profile.findOne({ userId }, { emailOff: 1 }).lean();
  return fromOff(doc?.emailOff ?? []);
}

export async function wantsEmail(userId: string, kind: EmailKind): Promise<boolean> {
  return (await emailPreferences(userId))[kind];
}

async function update(userId: string, change: object): Promise<EmailPreferences> {
  await Profile.createIndexes();
  const now = new Date();
  const doc = await retryOnDuplicateKey(() =>
    Profile.findOneAndUpdate(
      { userId },
      { ...change, $setOnInsert: { createdAt: now, updatedAt: now } },
      { upsert: true, returnDocument: "after", timestamps: false },
    ).lean(),
  );
  return fromOff(doc?.emailOff ?? []);
}

/** Sets every kind at once (the account page's form): the kinds in `on` are on, all others off. */
export async function setEmailPreferences(userId: string, on: readonly EmailKind[]): Promise<EmailPreferences> {
  await connectMongo();
  return update(userId, { $set: { emailOff: EMAIL_KIND_NAMES.filter((kind) => !on.includes(kind)) } });
}

/** Switches one kind off (an unsubscribe link); switching it off twice changes nothing. */
export async function switchOffEmail(userId: string, kind: EmailKind): Promise<EmailPreferences> {
  await connectMongo();
  return update(userId, { $addToSet: { emailOff: kind } });
}
