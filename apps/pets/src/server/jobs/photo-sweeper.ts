// The photo sweep, hourly: uploads never finished (older than 24 h) and processed images no row
// references (a removal or an archive whose object delete failed, an upload processed but never
// attached; older than 24 h) are deleted from storage.
//
// Unlike the booking sweep, which every instance runs (its steps are status-guarded), this one runs
// once per due time across instances, as it lists the bucket's prefixes: every instance's croner
// fires at the same wall-clock time, and only the instance that claims that due time in
// pets.job_runs sweeps. A sweep cut off midway is simply done again by the next due time.
import { type Db, jobRunRepository, listingPhotoRepository } from "@burrow/db";
import { log as logger } from "@burrow/observability/log";
import type { PhotoStorage } from "@burrow/storage";
import { Cron } from "croner";
import { photos } from "../photos";

/** Every hour at :17:00 (seconds first), the same moment in every instance. */
export const PHOTO_SWEEP_PATTERN = "0 17 * * * *";
const JOB = "photo-sweep";

export interface PhotoSweepOutcome {
  uploads: number;
  images: number;
}

/** The sweep of `dueAt`, by whichever instance claims it first; null for the others. */
export async function sweepPhotos(
  storage: PhotoStorage,
  dueAt: Date,
  { db, now = new Date() }: { db?: Db; now?: Date } = {},
): Promise<PhotoSweepOutcome | null> {
  if (!(await jobRunRepository(db).claim(JOB, dueAt))) return null;
  const rows = listingPhotoRepository(db);
  return {
    uploads: await storage.sweepOrphans(now),
    images: await storage.sweepUnreferenced("listing", (keys) => rows.referencedKeys(keys), now),
  };
}

/**
 * The scheduled time a run is for (the same in every instance), not when its timer fired: the latest one
 * at or before `now`. croner never fires early, and previousRuns() counts only times strictly before its
 * reference, so a run in its due millisecond would otherwise be taken for the previous one.
 */
export function dueTime(job: Cron, now = new Date()): Date {
  return job.previousRuns(1, new Date(now.getTime() + 1))[0] ?? now;
}

export interface PhotoSweeperOptions {
  /** croner pattern (with seconds); hourly by default. */
  pattern?: string;
  db?: Db;
  storage?: PhotoStorage;
  /** The sweep's "now", which ages are measured from (tests move it a day ahead). */
  clock?: () => Date;
  log?: (line: string) => void;
}

export function startPhotoSweeper({
  pattern = PHOTO_SWEEP_PATTERN,
  db,
  storage,
  clock = () => new Date(),
  log = (line) => logger.info({ component: "photo-sweeper" }, line),
}: PhotoSweeperOptions = {}): { stop(): Promise<void> } {
  let current: Promise<void> = Promise.resolve();
  const job = new Cron(
    pattern,
    {
      protect: true,
      unref: true,
      catch: (error) => log(`photo sweep failed: ${error instanceof Error ? error.message : String(error)}`),
    },
    (self: Cron) => {
      const dueAt = dueTime(self);
      current = sweepPhotos(storage ?? photos(), dueAt, { db, now: clock() }).then((outcome) => {
        if (outcome === null) log(`photo sweep of ${dueAt.toISOString()}: another instance sweeps`);
        else {
          log(
            `photo sweep of ${dueAt.toISOString()}: ${outcome.uploads} unfinished uploads and ` +
              `${outcome.images} unused images deleted`,
          );
        }
      });
      return current;
    },
  );
  return {
    async stop() {
      job.stop();
      await current.catch(() => {});
    },
  };
}
