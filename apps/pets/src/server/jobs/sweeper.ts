// The periodic sweep: requests past their expiry become EXPIRED, accepted stays whose end date has
// come become COMPLETED, reviews whose window closed with one side written are published, and the
// reminder events (stay starts tomorrow, reviews close soon) are written once per booking, and users
// with messages unread for 15 minutes get one digest event.
//
// Scheduling is croner's (MIT, no dependencies, in-process timers with overrun protection), not
// pg-boss: pg-boss creates and migrates its own schema at run time, which would bypass our
// reviewed migrations and need DDL rights the least-privilege burrow_pets role does not have. We
// need no job queue either: every part of the sweep is idempotent and safe to run concurrently
// (status-guarded updates; review publication under the stay's row locks), so each app instance
// simply runs its own sweep and at worst two instances find nothing left to do.
import { bookingRepository, type Db, messageDigestRepository, reminderRepository, reviewRepository } from "@burrow/db";
import { log as logger } from "@burrow/observability/log";
import { Cron } from "croner";

export interface SweeperOptions {
  /** Seconds between sweeps; the first one runs within a second of starting. */
  intervalSeconds: number;
  /** A client of its own (tests); the app's shared client otherwise. */
  db?: Db;
  log?: (line: string) => void;
}

export interface Sweeper {
  /** No sweep starts after this; resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

export function startSweeper({
  intervalSeconds,
  db,
  log = (line) => logger.info({ component: "sweeper" }, line),
}: SweeperOptions): Sweeper {
  const bookings = bookingRepository(db);
  const reviews = reviewRepository(db);
  const reminders = reminderRepository(db);
  const messageDigests = messageDigestRepository(db);
  let current: Promise<void> = Promise.resolve();

  const sweep = async () => {
    const now = new Date();
    const { expired, completed } = await bookings.sweep(now);
    // After completing stays, so a window that opened and closed while we were down is handled at once.
    const published = await reviews.publishDue(now);
    const { startsSoon, reviewClosing } = await reminders.publishDue(now);
    const digests = await messageDigests.publishDue(now);
    if (expired + completed + published + startsSoon + reviewClosing + digests > 0) {
      log(
        `sweeper: ${expired} requests expired, ${completed} stays completed, ${published} reviews published, ` +
          `${startsSoon + reviewClosing} reminders and ${digests} unread-message digests written`,
      );
    }
  };

  // Every second, at least `interval` apart; `protect` skips a tick while a slow sweep still runs.
  const job = new Cron(
    "* * * * * *",
    {
      interval: intervalSeconds,
      protect: true,
      unref: true,
      catch: (error) => log(`sweeper: sweep failed: ${error instanceof Error ? error.message : String(error)}`),
    },
    () => {
      current = sweep();
      return current;
    },
  );

  return {
    async stop() {
      job.stop();
      // A failed sweep was already logged by `catch`.
      await current.catch(() => {});
    },
  };
}
