// Pets' part of account deletion: the leaving user's listings are archived (which declines their
// open requests) and their own open requests are cancelled. Refused while they have an accepted
// stay on either side: a sitter or tenant who is expected somewhere must settle that first.
import { failure, type Result } from "@burrow/booking";
import { bookingRepository } from "../bookings/repository";
import { type Db, prisma } from "../client";
import { listingRepository } from "../listings/repository";

export function retireRepository(db: Db = prisma) {
  const listings = listingRepository(db);
  const bookings = bookingRepository(db);
  return {
    /**
     * Idempotent: archived listings and settled requests are skipped on a second run. `listingIds` are
     * all the user's listings, archived before or now, whose photo objects the caller deletes.
     */
    async retireUser(
      userId: string,
      now = new Date(),
    ): Promise<Result<{ archived: number; cancelled: number; listingIds: string[] }>> {
      const accepted = await db.booking.count({
        where: { status: "ACCEPTED", OR: [{ ownerId: userId }, { listing: { sitterId: userId } }] },
      });
      if (accepted > 0) {
        return failure(
          "CONFLICT",
          `You have ${accepted} accepted stay(s): complete or cancel them before deleting your account`,
        );
      }
      let archived = 0;
      const owned = await db.listing.findMany({ where: { sitterId: userId }, select: { id: true, status: true } });
      for (const { id } of owned.filter((l) => l.status !== "ARCHIVED")) {
        const result = await listings.archive(id, userId, now);
        if (!result.ok && result.code !== "INVALID_STATE") return result;
        if (result.ok) archived++;
      }
      let cancelled = 0;
      for (const { id } of await db.booking.findMany({
        where: { ownerId: userId, status: "REQUESTED" },
        select: { id: true },
      })) {
        const result = await bookings.cancel(id, userId, now);
        // EXPIRED: it lapsed meanwhile, nothing to cancel.
        if (!result.ok && result.code !== "EXPIRED" && result.code !== "CONFLICT") return result;
        if (result.ok) cancelled++;
      }
      return { ok: true, archived, cancelled, listingIds: owned.map((l) => l.id) };
    },
  };
}
