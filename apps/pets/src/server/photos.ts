// Pets' object storage for listing photos (@burrow/storage validates its S3_* variables on first use,
// so `next build` needs none), and the deletions that follow a photo's or a listing's rows.
import "server-only";
import { log } from "@burrow/observability/log";
import { type PhotoStorage, photoStorage } from "@burrow/storage";

let storage: PhotoStorage | undefined;

export function photos(): PhotoStorage {
  storage ??= photoStorage();
  return storage;
}

/**
 * Deletes objects whose rows are already gone. Best effort: the row state is committed and must
 * not wait for storage, so a failure is logged and the photo sweeper removes the leftovers (images
 * no row references, after 24 h).
 */
export async function deleteObjectsAfterCommit(what: string, work: (storage: PhotoStorage) => Promise<unknown>) {
  try {
    await work(photos());
  } catch (error) {
    log.warn(
      { component: "photos", err: error instanceof Error ? error.message : String(error) },
      `photos: deleting ${what} failed; the photo sweeper removes it later`,
    );
  }
}
