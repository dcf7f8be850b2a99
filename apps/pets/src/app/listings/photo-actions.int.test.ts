// The photo list's server actions and archiving, as Next runs them (a real session cookie, Next's
// request scope) against real PostgreSQL and the real S3-compatible server: the sitter's own changes
// reach the rows and the bucket; another sitter's photo id is "not found" and changes nothing.

// First, as in `next start`: Next's request scope needs the global AsyncLocalStorage this installs.
import "next/dist/server/node-environment-baseline";
import { randomBytes } from "node:crypto";
import { listingPhotoRepository } from "@burrow/db";
import { photoStorage } from "@burrow/storage";
import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { runInRequestScope } from "@burrow/testing/next";
import { attachedPhoto, bucketKeys } from "@burrow/testing/photos";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import { changeListingStatus } from "./actions";
import { movePhoto, removePhoto, setPhotoAlt } from "./photo-actions";

const PETS = "http://localhost:3001";
const { db } = testDatabase();
const make = factories(db);
const storage = photoStorage();
const photos = listingPhotoRepository(db);

beforeAll(() =>
  stubAppEnv({ WEB_URL: "http://localhost:3000", PETS_URL: PETS, EMAIL_SERVER: "smtp://localhost:2525" }),
);
afterAll(() => vi.unstubAllEnvs());

/** Runs `action` with `fields` as the signed-in `userId`'s browser would submit its form. */
async function submit(
  userId: string,
  action: (state: FormState, form: FormData) => Promise<FormState>,
  fields: Record<string, string>,
): Promise<FormState> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 3_600_000) } });
  const request = new NextRequest(`${PETS}/listings/x/edit`, {
    method: "POST",
    headers: { host: "localhost:3001", origin: PETS, cookie: `authjs.session-token=${sessionToken}` },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return (await runInRequestScope(request, () => action({}, form))).result;
}

async function scene(count = 3) {
  const sitter = await make.user("SITTER");
  const listing = await make.listing(sitter.id);
  const added = [];
  for (let i = 0; i < count; i++) added.push(await attachedPhoto(storage, db, sitter.id, listing.id, `Photo ${i}`));
  return { sitter, listing, added };
}

const order = async (listingId: string) => (await photos.list(listingId)).map((p) => p.alt);
const imagesOf = (listingId: string) => bucketKeys(storage, `img/listing/${listingId}/`);

describe("photo actions", () => {
  it("edit alt text, move and delete the sitter's own photos; a deleted photo's objects go", async () => {
    const { sitter, listing, added } = await scene();
    const base = { listingId: listing.id };
    expect(
      await submit(sitter.id, setPhotoAlt, { ...base, photoId: added[1]!.id, alt: "Sofa by the window" }),
    ).toMatchObject({
      done: "Description saved.",
    });
    expect(await submit(sitter.id, setPhotoAlt, { ...base, photoId: added[1]!.id, alt: " " })).toMatchObject({
      fieldErrors: { alt: ["Describe the photo for people who cannot see it"] },
    });
    expect(await submit(sitter.id, movePhoto, { ...base, photoId: added[2]!.id, to: "cover" })).toMatchObject({
      done: "Photo moved: it is now the cover.",
    });
    expect(await submit(sitter.id, movePhoto, { ...base, photoId: added[0]!.id, to: "down" })).toMatchObject({
      done: "Photo moved to position 3 of 3.",
    });
    expect(await order(listing.id)).toEqual(["Photo 2", "Sofa by the window", "Photo 0"]);

    expect(await imagesOf(listing.id)).toHaveLength(9);
    expect(await submit(sitter.id, removePhoto, { ...base, photoId: added[2]!.id })).toEqual({
      done: "Photo deleted.",
    });
    expect(await order(listing.id)).toEqual(["Sofa by the window", "Photo 0"]);
    const left = await imagesOf(listing.id);
    expect(left).toHaveLength(6);
    expect(left.some((key) => key.startsWith(added[2]!.key))).toBe(false);
  });

  it("finds nothing of another sitter's photo in alt, move or delete (IDOR → 404) and changes nothing", async () => {
    const { listing, added } = await scene(2);
    const intruder = await make.user("SITTER");
    const theirs = await make.listing(intruder.id);
    const target = added[1]!.id;
    // With the victim's listing id or the intruder's own, the photo is not found.
    for (const listingId of [listing.id, theirs.id]) {
      for (const [action, extra] of [
        [setPhotoAlt, { alt: "Mine now" }],
        [movePhoto, { to: "cover" }],
        [removePhoto, {}],
      ] as const) {
        const state = await submit(intruder.id, action, { listingId, photoId: target, ...extra });
        expect(state.error).toBe("Not found (404): No such photo on your listings");
      }
    }
    expect(await order(listing.id)).toEqual(["Photo 0", "Photo 1"]);
    expect(await imagesOf(listing.id)).toHaveLength(6);
  });

  it("archiving a listing deletes its photo rows and objects", async () => {
    const { sitter, listing } = await scene(2);
    const other = await scene(1);
    expect(await imagesOf(listing.id)).toHaveLength(6);
    expect(await submit(sitter.id, changeListingStatus, { listingId: listing.id, intent: "archive" })).toEqual({
      done: "Listing archived.",
    });
    expect(await photos.list(listing.id)).toEqual([]);
    expect(await imagesOf(listing.id)).toEqual([]);
    expect(await imagesOf(other.listing.id)).toHaveLength(3);
  });
});
