// The demo photos, against the real SeaweedFS the test command started: every seeded listing gets
// 1–3 processed photos whose variants are in the bucket; running again adds nothing, and after
// db:clean the same drawings land under the same keys (nothing piles up in the bucket).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { photoStorage } from "@burrow/storage";
import { parseStorageEnv } from "@burrow/storage/env";
import { testDatabase } from "@burrow/testing/database";
import { afterAll, describe, expect, it } from "vitest";
import { cleanPostgres } from "./clean";
import { seedPostgres } from "./seed";
import { seedPhotos } from "./seed-photos";

const { db, sql, url } = testDatabase(4);
const storage = photoStorage(parseStorageEnv());
afterAll(() => storage.client.destroy());

async function objectsUnder(Prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix, ContinuationToken }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys.sort();
}

const seededObjects = async () => (await objectsUnder("img/listing/cseedlisting")).length;
const photoRows = () =>
  db.listingPhoto.findMany({
    orderBy: [{ listingId: "asc" }, { position: "asc" }],
    select: { listingId: true, key: true, alt: true },
  });

describe("seedPhotos", () => {
  it("gives each listing 1–3 processed photos, once, and the same keys after db:clean", {
    timeout: 300_000,
  }, async () => {
    await cleanPostgres(sql);
    const { listings } = await seedPostgres(db);
    const started = performance.now();
    const added = await seedPhotos(db, storage);
    const seconds = (performance.now() - started) / 1000;
    console.info(`seedPhotos: ${added} photos for ${listings} listings in ${seconds.toFixed(1)} s`);

    const rows = await photoRows();
    expect(rows).toHaveLength(added);
    const perListing = new Map<string, typeof rows>();
    for (const r of rows) perListing.set(r.listingId, [...(perListing.get(r.listingId) ?? []), r]);
    expect(perListing.size).toBe(listings);
    for (const photos of perListing.values()) {
      expect(photos.length).toBeGreaterThanOrEqual(1);
      expect(photos.length).toBeLessThanOrEqual(3);
      expect(photos[0]?.alt).toMatch(/^Drawing of .+ \(1 of \d\)$/);
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    // Every row's three variants are in the bucket, and nothing else of the seed's listings.
    const objects = await objectsUnder("img/listing/cseedlisting");
    expect(objects).toEqual(rows.flatMap((r) => [320, 640, 1280].map((w) => `${r.key}/${w}.webp`)).sort());

    expect(await seedPhotos(db, storage)).toBe(0);

    await cleanPostgres(sql);
    await seedPostgres(db);
    expect(await seedPhotos(db, storage)).toBe(added);
    expect(await photoRows()).toEqual(rows);
    expect(await seededObjects()).toBe(objects.length);
  });

  it("`burrow-db seed` without S3_* stops naming the variable, before writing anything", async () => {
    await cleanPostgres(sql);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    delete env.S3_ENDPOINT;
    const cli = path.join(import.meta.dirname, "../bin/burrow-db.mjs");
    const run = spawnSync(process.execPath, [cli, "seed"], { env, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("S3_ENDPOINT is not set");
    expect(await db.user.count()).toBe(0);
  });
});
