// The per-listing lock. Every write whose correctness depends on a listing's availability locks
// the listing's row first, so those writes happen one after another per listing:
//   - requesting a stay takes FOR SHARE (requests run side by side),
//   - accepting a stay and adding a block take FOR NO KEY UPDATE (alone),
//   - editing the listing (weekly plan, status) updates the row, which locks it the same way.
// So an accept sees every request made before it and declines the overlapping ones, a request
// made after an accept sees the accepted stay, and blocks never slip in between. The statements
// that read availability run after the lock statement: under READ COMMITTED each statement sees
// what was committed when it started, so anything committed while we waited for the lock counts.
// Disjoint listings never wait for each other; the exclusion constraint stays the final guard.
import type { CancellationPolicy, ListingStatus } from "@burrow/booking";
import { Prisma } from "../generated/prisma/client";

interface LockedListing {
  id: string;
  sitterId: string;
  status: ListingStatus;
  timeZone: string;
  weekdays: number;
  maxPets: number;
  nightlyPriceMinor: number;
  currency: string;
  cancellationPolicy: CancellationPolicy;
  /** Hidden by an admin (hidden_at set): takes no requests. */
  hidden: boolean;
}

/** A listing by id (of `sitterId` when given), or the listing of a sitter's booking. */
type Target = { listingId: string; sitterId?: string } | { bookingId: string; sitterId: string };

/** Locks the target listing and returns it; null when there is none. */
export async function lockListing(
  tx: Prisma.TransactionClient,
  target: Target,
  mode: "FOR SHARE" | "FOR NO KEY UPDATE",
): Promise<LockedListing | null> {
  const where =
    "listingId" in target
      ? Prisma.sql`l.id = ${target.listingId}`
      : Prisma.sql`l.id = (SELECT listing_id FROM pets.bookings WHERE id = ${target.bookingId})`;
  const owner = target.sitterId === undefined ? Prisma.empty : Prisma.sql`AND l.sitter_id = ${target.sitterId}`;
  const rows = await tx.$queryRaw<LockedListing[]>`
    SELECT l.id, l.sitter_id AS "sitterId", l.status::text AS status, l.time_zone AS "timeZone", l.weekdays,
           l.max_pets AS "maxPets", l.nightly_price_minor AS "nightlyPriceMinor", l.currency,
           l.cancellation_policy::text AS "cancellationPolicy", l.hidden_at IS NOT NULL AS hidden
      FROM pets.listings l
     WHERE ${where} ${owner}
       ${Prisma.raw(mode)}`;
  return rows[0] ?? null;
}
