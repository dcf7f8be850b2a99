import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { jobRunRepository } from "../jobs/runs";
import { listingRepository } from "../listings/repository";
import { listingPhotoRepository, MAX_LISTING_PHOTOS } from "./repository";

const { db, sql } = testDatabase(4);
const photos = listingPhotoRepository(db);
const make = factories(db);

let n = 0;
const photo = (listingId: string, alt = "The garden") => ({
  listingId,
  key: `img/listing/${listingId}/${String(++n).padStart(32, "x")}`,
  alt,
  width: 1600,
  height: 1200,
  placeholder: "data:image/webp;base64,UklGRg==",
});

async function listingWith(count: number) {
  const sitter = await make.user("SITTER");
  const listing = await make.listing(sitter.id);
  const added = [];
  for (let i = 0; i < count; i++)
    added.push(expectOk(await photos.add(sitter.id, photo(listing.id, `Photo ${i}`))).photo);
  return { sitter, listing, added };
}

describe("listing photos", () => {
  it("adds photos in order (the first is the cover) and refuses an 11th", async () => {
    const { sitter, listing, added } = await listingWith(MAX_LISTING_PHOTOS);
    expect(added.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await photos.add(sitter.id, photo(listing.id))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await photos.list(listing.id)).toHaveLength(MAX_LISTING_PHOTOS);
  });

  it("requires alt text and a key of this listing", async () => {
    const { sitter, listing } = await listingWith(0);
    expect(await photos.add(sitter.id, photo(listing.id, "   "))).toMatchObject({ ok: false, code: "VALIDATION" });
    const other = await make.listing(sitter.id);
    expect(await photos.add(sitter.id, { ...photo(listing.id), key: photo(other.id).key })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await photos.add(sitter.id, { ...photo(listing.id), key: "img/../../etc" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    await expect(
      sql.query(
        `INSERT INTO pets.listing_photos (id, listing_id, key, alt, position, width, height, placeholder)
         VALUES ('x1', $1, 'img/listing/elsewhere/k', 'a', 0, 1, 1, 'p')`,
        [listing.id],
      ),
    ).rejects.toThrow(/listing_photos_key_check/);
  });

  it("moves up, down and to the cover, keeping positions dense", async () => {
    const { sitter, listing, added } = await listingWith(3);
    const [a, b, c] = added.map((p) => p.id);
    const order = async () => (await photos.list(listing.id)).map((p) => p.id);
    expectOk(await photos.move(sitter.id, c!, "cover"));
    expect(await order()).toEqual([c, a, b]);
    expectOk(await photos.move(sitter.id, c!, "down"));
    expect(await order()).toEqual([a, c, b]);
    expectOk(await photos.move(sitter.id, a!, "up"));
    expect(await order()).toEqual([a, c, b]);
    expect((await photos.list(listing.id)).map((p) => p.position)).toEqual([0, 1, 2]);
  });

  it("removes a photo, closes the gap and returns its key; edits alt text", async () => {
    const { sitter, listing, added } = await listingWith(3);
    expect(expectOk(await photos.remove(sitter.id, added[0]!.id)).key).toBe(added[0]!.key);
    const rest = await photos.list(listing.id);
    expect(rest.map((p) => [p.id, p.position])).toEqual([
      [added[1]!.id, 0],
      [added[2]!.id, 1],
    ]);
    expect(expectOk(await photos.setAlt(sitter.id, added[1]!.id, "  Sofa by the window ")).photo.alt).toBe(
      "Sofa by the window",
    );
  });

  it("finds nothing of another sitter's photos (no IDOR) and changes nothing", async () => {
    const { listing, added } = await listingWith(2);
    const intruder = await make.user("SITTER");
    const target = added[1]!.id;
    expect(await photos.move(intruder.id, target, "cover")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await photos.remove(intruder.id, target)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await photos.setAlt(intruder.id, target, "mine now")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await photos.add(intruder.id, photo(listing.id))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await photos.list(listing.id)).map((p) => [p.id, p.alt])).toEqual(added.map((p) => [p.id, p.alt]));
  });

  it("replaces the legacy photo addresses with the first upload; archiving deletes the rows", async () => {
    const sitter = await make.user("SITTER");
    const listing = await make.listing(sitter.id, { photoUrls: ["https://example.com/a.jpg"] });
    expectOk(await photos.add(sitter.id, photo(listing.id)));
    const photoUrls = async () => (await db.listing.findUniqueOrThrow({ where: { id: listing.id } })).photoUrls;
    expect(await photoUrls()).toEqual([]);
    expectOk(await photos.add(sitter.id, photo(listing.id)));
    expectOk(await listingRepository(db).archive(listing.id, sitter.id));
    expect(await photos.list(listing.id)).toEqual([]);
  });

  it("answers which image keys rows still reference", async () => {
    const { added } = await listingWith(2);
    const gone = "img/listing/gone/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    expect(await photos.referencedKeys([added[1]!.key, gone])).toEqual(new Set([added[1]!.key]));
    expect(await photos.referencedKeys([])).toEqual(new Set());
  });
});

describe("job runs", () => {
  it("gives each due time to exactly one of the instances claiming it, and never an older one", async () => {
    const runs = jobRunRepository(db);
    const due = new Date("2026-12-06T10:17:00Z");
    const claims = await Promise.all(Array.from({ length: 4 }, () => runs.claim("photo-sweep-test", due)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await runs.claim("photo-sweep-test", due)).toBe(false);
    expect(await runs.claim("photo-sweep-test", new Date("2026-12-06T09:17:00Z"))).toBe(false);
    expect(await runs.claim("photo-sweep-test", new Date("2026-12-06T11:17:00Z"))).toBe(true);
    expect(await runs.claim("another-job", due)).toBe(true);
  });
});
