import {
  failure,
  invalidInput,
  ListingAction,
  ListingInput,
  type ListingInputValues,
  type ListingStatus,
  type Result,
} from "@burrow/booking";
import { type Db, prisma } from "../client";
import type { Listing } from "../generated/prisma/client";
import { bookingEvent } from "../outbox/events";
import { lockListing } from "./lock";
import { LISTING_NOT_FOUND, listingReadRepository } from "./read";

/** Which statuses each sitter action starts from; ARCHIVED is final. */
const STATUS_CHANGES = {
  pause: { from: ["ACTIVE"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "ACTIVE" },
} as const satisfies Record<string, { from: ListingStatus[]; to: ListingStatus }>;

/** Pets' listing repository: the reads of listingReadRepository and a sitter's writes. */
export function listingRepository(db: Db = prisma) {
  /** Why an update of the sitter's listing in one of `from` matched nothing. */
  async function whyNot(listingId: string, sitterId: string, from: readonly ListingStatus[]) {
    const listing = await db.listing.findFirst({ where: { id: listingId, sitterId }, select: { status: true } });
    return listing
      ? failure(
          "INVALID_STATE",
          `The listing is ${listing.status.toLowerCase()}; only ${from.join(" or ").toLowerCase()} listings can do that`,
        )
      : failure("NOT_FOUND", LISTING_NOT_FOUND);
  }

  async function changeStatus(
    listingId: string,
    sitterId: string,
    change: (typeof STATUS_CHANGES)[keyof typeof STATUS_CHANGES],
  ): Promise<Result<{ listing: Listing }>> {
    const parsed = ListingAction.safeParse({ listingId });
    if (!parsed.success) return invalidInput(parsed.error);
    const [listing] = await db.listing.updateManyAndReturn({
      where: { id: listingId, sitterId, status: { in: [...change.from] } },
      data: { status: change.to },
    });
    return listing ? { ok: true, listing } : whyNot(listingId, sitterId, change.from);
  }

  return {
    ...listingReadRepository(db),

    /** A sitter creates a listing; it is active at once and takes stays every weekday. */
    async create(sitterId: string, input: ListingInputValues): Promise<Result<{ listing: Listing }>> {
      const parsed = ListingInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return { ok: true, listing: await db.listing.create({ data: { ...parsed.data, sitterId } }) };
    },

    /** A sitter edits their own listing (every field; archived listings are final). */
    async update(
      listingId: string,
      sitterId: string,
      input: ListingInputValues,
    ): Promise<Result<{ listing: Listing }>> {
      const id = ListingAction.safeParse({ listingId });
      if (!id.success) return invalidInput(id.error);
      const parsed = ListingInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const from = ["ACTIVE", "PAUSED"] as const;
      const [listing] = await db.listing.updateManyAndReturn({
        where: { id: listingId, sitterId, status: { in: [...from] } },
        data: parsed.data,
      });
      return listing ? { ok: true, listing } : whyNot(listingId, sitterId, from);
    },

    /** Stops new requests; existing requests and stays stay as they are. */
    pause: (listingId: string, sitterId: string) => changeStatus(listingId, sitterId, STATUS_CHANGES.pause),

    resume: (listingId: string, sitterId: string) => changeStatus(listingId, sitterId, STATUS_CHANGES.resume),

    /**
     * Retires a listing for good. Refused while it has an accepted stay (complete or cancel it
     * first); open requests are declined, each with its outbox row, and its photo rows deleted, in
     * the same transaction. The listing lock keeps an accept from slipping in between the check and
     * the archive.
     */
    async archive(listingId: string, sitterId: string, now = new Date()): Promise<Result<{ listing: Listing }>> {
      const parsed = ListingAction.safeParse({ listingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return db.$transaction(async (tx): Promise<Result<{ listing: Listing }>> => {
        const locked = await lockListing(tx, { listingId, sitterId }, "FOR NO KEY UPDATE");
        if (!locked) return failure("NOT_FOUND", LISTING_NOT_FOUND);
        if (locked.status === "ARCHIVED") return failure("INVALID_STATE", "The listing is already archived");
        const accepted = await tx.booking.count({ where: { listingId, status: "ACCEPTED" } });
        if (accepted > 0) {
          return failure("CONFLICT", `This listing has ${accepted} accepted stay(s): complete or cancel them first`);
        }
        const listing = await tx.listing.update({ where: { id: listingId }, data: { status: "ARCHIVED" } });
        // Its photos go with it; the caller deletes their objects (deleteOwner) after the commit.
        await tx.listingPhoto.deleteMany({ where: { listingId } });
        const declined = await tx.booking.updateManyAndReturn({
          where: { listingId, status: "REQUESTED" },
          data: { status: "DECLINED", decidedAt: now },
        });
        await tx.outboxEvent.createMany({
          data: declined.map((b) => bookingEvent("booking.declined", b, sitterId, { reason: "archived" })),
        });
        return { ok: true, listing };
      });
    },
  };
}
