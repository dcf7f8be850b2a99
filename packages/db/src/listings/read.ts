// Listing reads, kept apart from the writes (./repository.ts) so web, which may only read the
// `pets` schema (docs/architecture.md's ownership table), imports a repository without write methods.
import { failure, invalidInput, ListingAction, type Result } from "@burrow/booking";
import { countSitterCancellations } from "../bookings/cancellations";
import { type Db, prisma, replicaRead } from "../client";
import type { Listing } from "../generated/prisma/client";
import type { CoverPhoto } from "../search/repository";

export interface ListingSummary {
  id: string;
  title: string;
  city: string;
  timeZone: string;
  nightlyPriceMinor: number;
  currency: string;
  maxPets: number;
  species: string[];
  sitterName: string | null;
}

/** A card on a home page: the summary with its cover photo, or else its first legacy photo URL. */
export interface ActiveListing extends ListingSummary {
  cover: CoverPhoto | null;
  photoUrl: string | null;
}

/** What anyone may see of an active listing on its public page. */
export interface PublicListing extends ListingSummary {
  sitterId: string;
  description: string;
  cancellationPolicy: Listing["cancellationPolicy"];
  photoUrls: string[];
  /** Accepted stays the sitter cancelled in the last 12 months, on any of their listings. */
  sitterCancellations: number;
}

export const LISTING_NOT_FOUND = "No such listing";

export function listingReadRepository(db: Db = prisma) {
  return {
    /** One of the sitter's own listings, any status; NOT_FOUND for anyone else's. */
    async findForSitter(listingId: string, sitterId: string): Promise<Result<{ listing: Listing }>> {
      const parsed = ListingAction.safeParse({ listingId });
      if (!parsed.success) return invalidInput(parsed.error);
      const listing = await db.listing.findFirst({ where: { id: listingId, sitterId } });
      return listing ? { ok: true, listing } : failure("NOT_FOUND", LISTING_NOT_FOUND);
    },

    /** An active listing as its public page shows it; paused, archived and hidden ones are NOT_FOUND. */
    async findPublic(listingId: string, now = new Date()): Promise<Result<{ listing: PublicListing }>> {
      const parsed = ListingAction.safeParse({ listingId });
      if (!parsed.success) return invalidInput(parsed.error);
      const row = await db.listing.findFirst({
        where: { id: listingId, status: "ACTIVE", hiddenAt: null },
        include: { sitter: { select: { name: true, screenname: true } } },
      });
      if (!row) return failure("NOT_FOUND", LISTING_NOT_FOUND);
      const { sitter, ...l } = row;
      const sitterCancellations = await countSitterCancellations(db, l.sitterId, now);
      return {
        ok: true,
        listing: {
          id: l.id,
          sitterId: l.sitterId,
          title: l.title,
          description: l.description,
          city: l.city,
          timeZone: l.timeZone,
          nightlyPriceMinor: l.nightlyPriceMinor,
          currency: l.currency,
          maxPets: l.maxPets,
          species: l.species,
          cancellationPolicy: l.cancellationPolicy,
          photoUrls: l.photoUrls,
          sitterName: sitter.screenname ?? sitter.name,
          sitterCancellations,
        },
      };
    },

    /**
     * Active listings, newest first, for home pages and browsing; on a replica that has replayed `minLsn`
     * (the reader's last write) when the app has one (replicaRead).
     */
    async listActive({
      limit = 20,
      city,
      minLsn = null,
    }: {
      limit?: number;
      city?: string;
      minLsn?: string | null;
    } = {}): Promise<ActiveListing[]> {
      const rows = await replicaRead(db, minLsn, (reader) =>
        reader.listing.findMany({
          where: { status: "ACTIVE", hiddenAt: null, ...(city ? { city } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: limit,
          select: {
            id: true,
            title: true,
            city: true,
            timeZone: true,
            nightlyPriceMinor: true,
            currency: true,
            maxPets: true,
            species: true,
            photoUrls: true,
            sitter: { select: { name: true, screenname: true } },
            photos: {
              orderBy: { position: "asc" },
              take: 1,
              select: { key: true, alt: true, width: true, height: true, placeholder: true },
            },
          },
        }),
      );
      return rows.map(({ sitter, photos, photoUrls, ...listing }) => ({
        ...listing,
        sitterName: sitter.screenname ?? sitter.name,
        cover: photos[0] ?? null,
        photoUrl: photoUrls[0] ?? null,
      }));
    },

    /** A sitter's own listings, any status. */
    listBySitter(sitterId: string) {
      return db.listing.findMany({ where: { sitterId }, orderBy: { createdAt: "desc" } });
    },

    countActive() {
      return db.listing.count({ where: { status: "ACTIVE", hiddenAt: null } });
    },
  };
}
