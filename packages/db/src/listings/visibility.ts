// Admin moderation of listings, called through pets' internal API on behalf of web's admin pages.
// A hidden listing stays the sitter's (status untouched); public pages and search treat it like
// a paused one. Each change writes its outbox row in the same transaction.
import { failure, invalidInput, ListingAction, type Result } from "@burrow/booking";
import type { EventType, ListingVisibilityPayload } from "@burrow/events";
import { z } from "zod";
import { type Db, prisma } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { outboxTrace } from "../outbox/events";

export interface ListingVisibility {
  id: string;
  sitterId: string;
  hiddenAt: Date | null;
  hiddenBy: string | null;
}

/** `changed` is false when the listing already was in the asked state: nothing written, no event. */
export type VisibilityResult = Result<{ listing: ListingVisibility; changed: boolean }>;

const SetVisibility = ListingAction.extend({
  adminId: z.string().trim().min(1, { error: "Missing admin id" }).max(64, { error: "Malformed admin id" }),
});

const visibility = { id: true, sitterId: true, hiddenAt: true, hiddenBy: true } as const;

export function listingVisibilityRepository(db: Db = prisma) {
  async function setHidden(listingId: string, adminId: string, hidden: boolean, now: Date): Promise<VisibilityResult> {
    const parsed = SetVisibility.safeParse({ listingId, adminId });
    if (!parsed.success) return invalidInput(parsed.error);
    return db.$transaction(async (tx): Promise<VisibilityResult> => {
      // Only a real change matches, so a repeated call writes no second event and keeps the first audit.
      const [listing] = await tx.listing.updateManyAndReturn({
        where: { id: listingId, hiddenAt: hidden ? null : { not: null } },
        data: hidden ? { hiddenAt: now, hiddenBy: parsed.data.adminId } : { hiddenAt: null, hiddenBy: null },
        select: visibility,
      });
      if (!listing) {
        const current = await tx.listing.findUnique({ where: { id: listingId }, select: visibility });
        return current ? { ok: true, listing: current, changed: false } : failure("NOT_FOUND", "No such listing");
      }
      const payload: z.input<typeof ListingVisibilityPayload> = {
        listingId,
        sitterId: listing.sitterId,
        adminId: parsed.data.adminId,
        at: now.toISOString(),
      };
      const type: Extract<EventType, `listing.${string}`> = hidden ? "listing.hidden" : "listing.unhidden";
      await tx.outboxEvent.create({
        data: { type, aggregateId: listingId, payload: payload as unknown as Prisma.InputJsonObject, ...outboxTrace() },
      });
      return { ok: true, listing, changed: true };
    });
  }

  return {
    /** Records who hid the listing and when; a hidden listing stays hidden with its first audit. */
    hide: (listingId: string, adminId: string, now = new Date()) => setHidden(listingId, adminId, true, now),
    /** Clears the mark; the listing.unhidden event names the admin who did it. */
    unhide: (listingId: string, adminId: string, now = new Date()) => setHidden(listingId, adminId, false, now),
  };
}
