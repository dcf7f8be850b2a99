// Account deletion across pets (listings), PostgreSQL (identity) and MongoDB (notifications,
// articles, profile). FerretDB has no transactions and the stores share none, so it is a saga with
// forward recovery: each step is idempotent and recorded in a log in Mongo; a deletion that fails
// midway is resumed (by the user trying again, or by resumeAccountDeletions) until every step has
// run. Nothing is compensated: the user asked for their data to go, so the way out is forward.
//
// Order: pets first (the only step that needs another app; if it is down nothing else has
// happened), then identity (ends every session in both apps, so the user cannot recreate data
// while the rest runs), then the Mongo documents, the avatar's objects in storage before the profile
// that points at them.
import { accountDeletionRepository } from "@burrow/db";
import {
  abandonDeletionLog,
  beginDeletionLog,
  finishDeletionLog,
  recordDeletionFailure,
  recordDeletionStep,
  unfinishedDeletions,
} from "../mongo/account-deletion";

export const DELETION_STEPS = ["listings", "identity", "notifications", "articles", "avatar", "profile"] as const;
export type DeletionStep = (typeof DELETION_STEPS)[number];

/** Thrown by a step whose refusal is final and meant for the user (nothing has changed yet). */
export class DeletionRefused extends Error {}

/**
 * One idempotent function per step (production wiring: deps.ts). `listings` asks pets to archive
 * the user's listings (web never writes `pets`) and throws DeletionRefused while the user has an
 * accepted stay; `identity` anonymises the PostgreSQL user and ends their sessions; `avatar` deletes
 * the user's avatar objects from storage; the rest delete or anonymise the user's Mongo documents.
 */
export type DeletionDeps = Record<DeletionStep, (userId: string) => Promise<void>>;

export type DeletionOutcome =
  | { finished: true }
  | { finished: false; refused: string }
  | { finished: false; failedAt: DeletionStep; error: string };

export async function deleteAccount(userId: string, deps: DeletionDeps): Promise<DeletionOutcome> {
  const log = await beginDeletionLog(userId);
  if (log.finishedAt) return { finished: true };
  for (const step of DELETION_STEPS) {
    if (log.done.includes(step)) continue;
    try {
      await deps[step](userId);
      await recordDeletionStep(userId, step);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Only the first step may refuse, before anything changed: forget the attempt.
      if (error instanceof DeletionRefused && log.done.length === 0) {
        await abandonDeletionLog(userId);
        return { finished: false, refused: message };
      }
      await recordDeletionFailure(userId, `${step}: ${message}`).catch(() => {});
      return { finished: false, failedAt: step, error: message };
    }
  }
  await finishDeletionLog(userId);
  return { finished: true };
}

/**
 * Finishes deletions that failed midway; returns how many it resumed and how many are now complete.
 * Every web instance runs this: a user whose deletion another instance is resuming is skipped.
 */
export async function resumeAccountDeletions(deps: DeletionDeps): Promise<{ resumed: number; finished: number }> {
  const pending = await unfinishedDeletions();
  const deletions = accountDeletionRepository();
  let [resumed, finished] = [0, 0];
  for (const userId of pending) {
    const outcome = await deletions.exclusively(userId, () => deleteAccount(userId, deps));
    if (!outcome) continue;
    resumed++;
    if (outcome.finished) finished++;
  }
  return { resumed, finished };
}
