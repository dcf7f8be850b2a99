// Listing photos (pets schema). Every write names the sitter and finds the photo through a listing of
// theirs, so another sitter's photo id is simply not found (no IDOR); writes lock the listing's row, so
// positions stay dense (0 = cover) and the limit of 10 holds under concurrent uploads.
import { failure, invalidInput, type Result } from "@burrow/booking";
import { z } from "zod";
import { type Db, prisma } from "../client";
import { Prisma } from "../generated/prisma/client";
import { lockListing } from "../listings/lock";
import { LISTING_NOT_FOUND } from "../listings/read";

export const MAX_LISTING_PHOTOS = 10;
const PHOTO_NOT_FOUND = "No such photo on your listings";

const Id = z.string().min(1).max(64);
export const PhotoAlt = z
  .string()
  .trim()
  .min(1, "Describe the photo for people who cannot see it")
  .max(200, "Keep the description under 200 characters");
export const NewPhoto = z.object({
  listingId: Id,
  key: z.string().regex(/^img\/listing\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{32}$/, "not a processed image key"),
  alt: PhotoAlt,
  width: z.int().min(1).max(100_000),
  height: z.int().min(1).max(100_000),
  placeholder: z.string().startsWith("data:image/webp;base64,").max(1000),
});
export type NewPhoto = z.input<typeof NewPhoto>;
export const PhotoMove = z.object({ photoId: Id, to: z.enum(["up", "down", "cover"]) });

export interface PhotoView {
  id: string;
  key: string;
  alt: string;
  position: number;
  width: number;
  height: number;
  placeholder: string;
}
const view = { id: true, key: true, alt: true, position: true, width: true, height: true, placeholder: true } as const;

export function listingPhotoRepository(db: Db = prisma) {
  /** The sitter's photo, its listing's row locked; null when it is not on one of their listings. */
  async function lockedPhoto(tx: Prisma.TransactionClient, sitterId: string, photoId: string) {
    const found = await tx.listingPhoto.findFirst({
      where: { id: photoId, listing: { sitterId } },
      select: { ...view, listingId: true },
    });
    if (!found || !(await lockListing(tx, { listingId: found.listingId, sitterId }, "FOR NO KEY UPDATE"))) return null;
    return found;
  }
  const ordered = (tx: Prisma.TransactionClient, listingId: string) =>
    tx.listingPhoto.findMany({ where: { listingId }, orderBy: { position: "asc" }, select: view });

  return {
    /** A listing's photos, cover first. */
    list(listingId: string): Promise<PhotoView[]> {
      return db.listingPhoto.findMany({ where: { listingId }, orderBy: { position: "asc" }, select: view });
    },

    /** Adds a processed photo at the end; refused past 10 or on another sitter's listing. */
    async add(sitterId: string, input: NewPhoto): Promise<Result<{ photo: PhotoView }>> {
      const parsed = NewPhoto.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const data = parsed.data;
      if (!data.key.startsWith(`img/listing/${data.listingId}/`))
        return failure("FORBIDDEN", "That image belongs elsewhere");
      return db.$transaction(async (tx): Promise<Result<{ photo: PhotoView }>> => {
        const listing = await lockListing(tx, { listingId: data.listingId, sitterId }, "FOR NO KEY UPDATE");
        if (!listing) return failure("NOT_FOUND", LISTING_NOT_FOUND);
        if (listing.status === "ARCHIVED") return failure("INVALID_STATE", "Archived listings take no photos");
        const count = await tx.listingPhoto.count({ where: { listingId: data.listingId } });
        if (count >= MAX_LISTING_PHOTOS) {
          return failure("CONFLICT", `A listing has at most ${MAX_LISTING_PHOTOS} photos: remove one first`);
        }
        try {
          const photo = await tx.listingPhoto.create({ data: { ...data, position: count }, select: view });
          // The first upload replaces the legacy photo addresses (docs/photos.md, "Migrating URL photos").
          if (count === 0) await tx.listing.update({ where: { id: data.listingId }, data: { photoUrls: [] } });
          return { ok: true, photo };
        } catch (e) {
          if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
            return failure("CONFLICT", "This photo is already on the listing");
          }
          throw e;
        }
      });
    },

    async setAlt(sitterId: string, photoId: string, alt: string): Promise<Result<{ photo: PhotoView }>> {
      const parsed = z.object({ photoId: Id, alt: PhotoAlt }).safeParse({ photoId, alt });
      if (!parsed.success) return invalidInput(parsed.error);
      const [photo] = await db.listingPhoto.updateManyAndReturn({
        where: { id: photoId, listing: { sitterId } },
        data: { alt: parsed.data.alt },
        select: view,
      });
      return photo ? { ok: true, photo } : failure("NOT_FOUND", PHOTO_NOT_FOUND);
    },

    /** Moves a photo one place up or down, or to the cover (the others shift down). */
    async move(
      sitterId: string,
      photoId: string,
      to: "up" | "down" | "cover",
    ): Promise<Result<{ photos: PhotoView[] }>> {
      const parsed = PhotoMove.safeParse({ photoId, to });
      if (!parsed.success) return invalidInput(parsed.error);
      return db.$transaction(async (tx): Promise<Result<{ photos: PhotoView[] }>> => {
        const photo = await lockedPhoto(tx, sitterId, photoId);
        if (!photo) return failure("NOT_FOUND", PHOTO_NOT_FOUND);
        const order = (await ordered(tx, photo.listingId)).map((p) => p.id);
        const from = order.indexOf(photoId);
        const target = to === "cover" ? 0 : to === "up" ? Math.max(0, from - 1) : Math.min(order.length - 1, from + 1);
        order.splice(from, 1);
        order.splice(target, 0, photoId);
        await renumber(tx, order);
        return { ok: true, photos: await ordered(tx, photo.listingId) };
      });
    },

    /** Which of `keys` (base keys of images in storage) a photo row still references. */
    async referencedKeys(keys: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += 1000) {
        const rows = await db.listingPhoto.findMany({
          where: { key: { in: keys.slice(i, i + 1000) } },
          select: { key: true },
        });
        for (const row of rows) found.add(row.key);
      }
      return found;
    },

    /** Deletes a photo's row and closes the gap; returns its key so the caller removes the objects. */
    async remove(sitterId: string, photoId: string): Promise<Result<{ key: string }>> {
      const parsed = Id.safeParse(photoId);
      if (!parsed.success) return invalidInput(parsed.error);
      return db.$transaction(async (tx): Promise<Result<{ key: string }>> => {
        const photo = await lockedPhoto(tx, sitterId, photoId);
        if (!photo) return failure("NOT_FOUND", PHOTO_NOT_FOUND);
        await tx.listingPhoto.delete({ where: { id: photoId } });
        await renumber(
          tx,
          (await ordered(tx, photo.listingId)).map((p) => p.id),
        );
        return { ok: true, key: photo.key };
      });
    },
  };
}

/** Positions 0…n-1 in the given order, in one statement. */
async function renumber(tx: Prisma.TransactionClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE pets.listing_photos p SET position = o.ord - 1
      FROM unnest(${ids}::text[]) WITH ORDINALITY AS o(id, ord)
     WHERE p.id = o.id`;
}
