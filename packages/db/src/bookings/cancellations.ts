// A read both apps show on listing pages; apart from the booking repository so the listing reads
// web uses (which may not write) import no write methods.
import type { Db } from "../client";

/** Stays the sitter cancelled in the 12 months before `now`, over all their listings. */
export function countSitterCancellations(db: Db, sitterId: string, now: Date): Promise<number> {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return db.booking.count({
    where: { cancelledById: sitterId, cancelledAt: { gt: since }, status: "CANCELLED", listing: { sitterId } },
  });
}
