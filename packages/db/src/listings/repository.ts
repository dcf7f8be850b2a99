import { type Db, prisma } from "../client";

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

export function listingRepository(db: Db = prisma) {
  return {
    /** Active listings, newest first, for home pages and browsing. */
    async listActive({ limit = 20, city }: { limit?: number; city?: string } = {}): Promise<ListingSummary[]> {
      const rows = await db.listing.findMany({
        where: { status: "ACTIVE", ...(city ? { city } : {}) },
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
          sitter: { select: { name: true, screenname: true } },
        },
      });
      return rows.map(({ sitter, ...listing }) => ({ ...listing, sitterName: sitter.screenname ?? sitter.name }));
    },

    /** A sitter's own listings, any status. */
    listBySitter(sitterId: string) {
      return db.listing.findMany({ where: { sitterId }, orderBy: { createdAt: "desc" } });
    },

    countActive() {
      return db.listing.count({ where: { status: "ACTIVE" } });
    },
  };
}
