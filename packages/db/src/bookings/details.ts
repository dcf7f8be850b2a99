// One booking as its detail pages show it, to its tenant or to the sitter of its listing only:
// anyone else gets NOT_FOUND, so a page cannot tell them the booking exists.
import { BookingAction, failure, invalidInput, type Result } from "@burrow/booking";
import { type Db, prisma } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { type BookingView, bookingView } from "./repository";

export interface BookingDetail extends BookingView {
  listing: { id: string; title: string; city: string; timeZone: string; sitterId: string };
  sitterName: string | null;
  tenantName: string | null;
}

const include = {
  listing: {
    select: {
      id: true,
      title: true,
      city: true,
      timeZone: true,
      sitterId: true,
      sitter: { select: { name: true, screenname: true } },
    },
  },
  owner: { select: { name: true, screenname: true } },
} satisfies Prisma.BookingInclude;

export function bookingDetailsRepository(db: Db = prisma) {
  async function find(where: Prisma.BookingWhereInput): Promise<Result<{ booking: BookingDetail }>> {
    const row = await db.booking.findFirst({ where, include });
    if (!row) return failure("NOT_FOUND", "No such booking");
    const {
      listing: { sitter, ...listing },
      owner,
      ...booking
    } = row;
    return {
      ok: true,
      booking: {
        ...bookingView(booking),
        listing,
        sitterName: sitter.screenname ?? sitter.name,
        tenantName: owner.screenname ?? owner.name,
      },
    };
  }

  return {
    /** The tenant's own booking. */
    async forTenant(bookingId: string, tenantId: string): Promise<Result<{ booking: BookingDetail }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return find({ id: bookingId, ownerId: tenantId });
    },

    /** Any booking: for web's events consumer, a service-authenticated caller that is no party to it. */
    async forEvent(bookingId: string): Promise<Result<{ booking: BookingDetail }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return find({ id: bookingId });
    },

    /** A booking on one of the sitter's listings. */
    async forSitter(bookingId: string, sitterId: string): Promise<Result<{ booking: BookingDetail }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return find({ id: bookingId, listing: { sitterId } });
    },
  };
}
