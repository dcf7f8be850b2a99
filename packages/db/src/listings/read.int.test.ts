import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { SEED_USERS, seedData, seedPostgres } from "../seed";
import { listingReadRepository } from "./read";

const { db, sql } = testDatabase(4);
const listings = listingReadRepository(db);
const now = new Date();
const seeded = seedData(now);

describe("seed, clean and the listing read repository on PostgreSQL", () => {
  it("seeds deterministically: running twice leaves the same rows", async () => {
    await seedPostgres(db, now);
    const snapshot = async () =>
      (await sql.query("SELECT id, title, nightly_price_minor, status FROM pets.listings ORDER BY id")).rows;
    const first = await snapshot();
    await seedPostgres(db, now);
    expect(await snapshot()).toEqual(first);
    expect(first).toHaveLength(seeded.listings.length);
    const counts = (
      await sql.query(
        `SELECT (SELECT count(*) FROM identity.users)::int AS users, (SELECT count(*) FROM pets.bookings)::int AS bookings`,
      )
    ).rows[0];
    expect(counts).toEqual({ users: SEED_USERS.length, bookings: seeded.bookings.length });
  });

  it("lists only ACTIVE, unhidden listings, newest first, with the sitter's name", async () => {
    const listed = await listings.listActive({ limit: 100 });
    const expected = seeded.listings
      .filter((l) => l.status === "ACTIVE")
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(listed.map((l) => l.id)).toEqual(expected.map((l) => l.id));
    const sitter = SEED_USERS.find((u) => u.id === expected[0]!.sitterId)!;
    expect(listed[0]!.sitterName).toBe(sitter.screenname);
    expect(await listings.countActive()).toBe(expected.length);
    const berlin = await listings.listActive({ city: "Berlin" });
    expect(berlin.length).toBeGreaterThan(0);
    expect(berlin.every((l) => l.city === "Berlin")).toBe(true);

    // A listing an admin hid is gone from both, like a paused one.
    await db.listing.update({ where: { id: expected[0]!.id }, data: { hiddenAt: new Date(), hiddenBy: "admin" } });
    expect((await listings.listActive({ limit: 100 })).map((l) => l.id)).not.toContain(expected[0]!.id);
    expect(await listings.countActive()).toBe(expected.length - 1);
    await db.listing.update({ where: { id: expected[0]!.id }, data: { hiddenAt: null, hiddenBy: null } });
  });

  it("gives each active listing's card its cover photo (position 0), else its first legacy photo URL", async () => {
    const [withPhotos, legacy, bare] = seeded.listings.filter((l) => l.status === "ACTIVE");
    const photo = (listingId: string, position: number) => ({
      listingId,
      key: `img/listing/${listingId}/${String(position).padStart(32, "a")}`,
      alt: `photo ${position}`,
      position,
      width: 1600,
      height: 1200,
      placeholder: "data:image/webp;base64,AAAA",
    });
    // Written out of order: the cover is the lowest position, not the first row.
    await db.listingPhoto.createMany({ data: [photo(withPhotos!.id, 1), photo(withPhotos!.id, 0)] });
    await db.listing.update({
      where: { id: legacy!.id },
      data: { photoUrls: ["https://photos.example/one.jpg", "https://photos.example/two.jpg"] },
    });
    await db.listing.update({ where: { id: bare!.id }, data: { photoUrls: [] } });
    try {
      const byId = new Map((await listings.listActive({ limit: 100 })).map((l) => [l.id, l]));
      expect(byId.get(withPhotos!.id)?.cover).toMatchObject({ alt: "photo 0", key: photo(withPhotos!.id, 0).key });
      expect(byId.get(legacy!.id)).toMatchObject({ cover: null, photoUrl: "https://photos.example/one.jpg" });
      expect(byId.get(bare!.id)).toMatchObject({ cover: null, photoUrl: null });
    } finally {
      await db.listingPhoto.deleteMany({ where: { listingId: withPhotos!.id } });
    }
  });

  it("PostgreSQL rejects an overlapping accepted stay but allows back-to-back ones", async () => {
    const accepted = seeded.bookings.find((b) => b.status === "ACCEPTED")!;
    const base = { ...accepted, status: "ACCEPTED" as const };
    const overlap = db.booking.create({
      data: { ...base, id: "coverlap000000000000000001", startDate: new Date(accepted.endDate.getTime() - 86_400_000) },
    });
    await expect(overlap).rejects.toThrow(/bookings_no_overlap|conflicting key value violates exclusion constraint/);
    const nights = (accepted.endDate.getTime() - accepted.startDate.getTime()) / 86_400_000;
    const backToBack = await db.booking.create({
      data: {
        ...base,
        id: "cbacktoback00000000000001",
        startDate: accepted.endDate,
        endDate: new Date(accepted.endDate.getTime() + nights * 86_400_000),
      },
    });
    expect(backToBack.status).toBe("ACCEPTED");
  });

  it("clean empties both schemas but keeps the migration history", async () => {
    const tables = await cleanPostgres(sql);
    expect(tables).toBeGreaterThanOrEqual(6);
    const left = (
      await sql.query(
        `SELECT (SELECT count(*) FROM identity.users)::int AS users, (SELECT count(*) FROM pets.listings)::int AS listings, (SELECT count(*) FROM public._prisma_migrations)::int AS migrations`,
      )
    ).rows[0];
    expect(left.users).toBe(0);
    expect(left.listings).toBe(0);
    expect(left.migrations).toBeGreaterThan(0);
  });
});
