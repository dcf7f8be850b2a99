// The photo sweep against real PostgreSQL and the real S3-compatible server: what it deletes and
// keeps a day later, one sweep per due time however many instances fire, and croner running it.

import { createPrismaClient, listingPhotoRepository } from "@burrow/db";
import { photoStorage } from "@burrow/storage";
import { png } from "@burrow/storage/fixtures";
import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { attachedPhoto, bucketKeys, uploadToStorage } from "@burrow/testing/photos";
import { Cron } from "croner";
import { afterAll, describe, expect, it } from "vitest";
import { dueTime, startPhotoSweeper, sweepPhotos } from "./photo-sweeper";

const { db, url } = testDatabase(4);
// A second instance's pool.
const otherDb = createPrismaClient(url, 2);
afterAll(() => otherDb.$disconnect());
const make = factories(db);
const storage = photoStorage();
const DAY_AND_HOUR = 25 * 60 * 60 * 1000;

/** A listing with a photo in use, one removed while storage was down and an upload never finished. */
async function leftovers() {
  const sitter = await make.user("SITTER");
  const listing = await make.listing(sitter.id);
  const kept = await attachedPhoto(storage, db, sitter.id, listing.id, "Kept");
  const removed = await attachedPhoto(storage, db, sitter.id, listing.id, "Removed");
  const row = await listingPhotoRepository(db).remove(sitter.id, removed.id);
  expect(row.ok).toBe(true);
  const owner = { kind: "listing", id: listing.id } as const;
  const pending = `uploads/listing/${listing.id}/${await uploadToStorage(storage, owner, await png(), "image/png")}`;
  return { listing, kept, removed, pending };
}

let hour = 0;
/** A due time no other test claimed. */
const due = () => new Date(Date.UTC(2026, 0, 1, hour++, 17));

describe("the photo sweep", () => {
  it("keeps everything younger than 24 h, then deletes unfinished uploads and unused images only", async () => {
    const { listing, kept, removed, pending } = await leftovers();
    const images = () => bucketKeys(storage, `img/listing/${listing.id}/`);
    expect(await sweepPhotos(storage, due(), { db })).toEqual({ uploads: 0, images: 0 });
    expect(await images()).toHaveLength(6);
    expect(await bucketKeys(storage, pending)).toEqual([pending]);

    const outcome = await sweepPhotos(storage, due(), { db, now: new Date(Date.now() + DAY_AND_HOUR) });
    expect(outcome?.uploads).toBeGreaterThanOrEqual(1);
    expect(outcome?.images).toBeGreaterThanOrEqual(1);
    expect(await bucketKeys(storage, pending)).toEqual([]);
    const left = await images();
    expect(left).toHaveLength(3);
    expect(left.every((key) => key.startsWith(`${kept.key}/`))).toBe(true);
    expect(left.some((key) => key.startsWith(removed.key))).toBe(false);
  });

  it("runs once per due time: of two instances firing together, one sweeps and the other skips", async () => {
    const { pending } = await leftovers();
    const dueAt = due();
    const now = new Date(Date.now() + DAY_AND_HOUR);
    const outcomes = await Promise.all([
      sweepPhotos(storage, dueAt, { db, now }),
      sweepPhotos(storage, dueAt, { db: otherDb, now }),
    ]);
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(outcomes.find((o) => o !== null)?.uploads).toBeGreaterThanOrEqual(1);
    expect(await bucketKeys(storage, pending)).toEqual([]);
    // Late for that due time, or with a clock behind: nothing runs again.
    expect(await sweepPhotos(storage, dueAt, { db: otherDb, now })).toBeNull();
  });

  it("labels a run with its due time, also when it fires in that very millisecond", () => {
    const job = new Cron("*/2 * * * * *", { paused: true }, () => {});
    try {
      const due = new Date("2026-12-06T21:14:48.000Z");
      expect(dueTime(job, due)).toEqual(due);
      expect(dueTime(job, new Date(due.getTime() + 1_999))).toEqual(due);
    } finally {
      job.stop();
    }
  });

  it("is scheduled by croner in every instance; each due time is swept by exactly one of them", async () => {
    const { pending } = await leftovers();
    const lines: string[] = [];
    const clock = () => new Date(Date.now() + DAY_AND_HOUR);
    // Every two seconds instead of hourly, two instances with pools of their own.
    const sweepers = [db, otherDb].map((instanceDb) =>
      startPhotoSweeper({ pattern: "*/2 * * * * *", db: instanceDb, storage, clock, log: (l) => lines.push(l) }),
    );
    await expect.poll(() => bucketKeys(storage, pending), { timeout: 15_000 }).toEqual([]);
    await new Promise((r) => setTimeout(r, 4_500));
    await Promise.all(sweepers.map((s) => s.stop()));
    expect(lines.filter((l) => l.includes("failed"))).toEqual([]);
    const byDue = new Map<string, string[]>();
    for (const line of lines) {
      const dueAt = /of (\S+):/.exec(line)?.[1] ?? "none";
      byDue.set(dueAt, [...(byDue.get(dueAt) ?? []), line]);
    }
    expect(byDue.size).toBeGreaterThanOrEqual(3);
    for (const [dueAt, of] of byDue) {
      expect(dueAt).toMatch(/:\d[02468]\.000Z$/);
      expect(
        of.filter((l) => l.includes("deleted")),
        dueAt,
      ).toHaveLength(1);
      expect(of.length, dueAt).toBeLessThanOrEqual(2);
    }
  });
});
