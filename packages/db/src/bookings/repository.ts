// Booking requests and their state machine. The rules are @burrow/booking's pure functions; this
// file does the I/O: parse the input, lock, read, decide, write the change and its outbox rows in
// one transaction. Expected failures are returned as values (see Result), never thrown.
import {
  addDays,
  BookingAction,
  type BookingEvent,
  type BookingStatus,
  type CancellationPolicy,
  type Canceller,
  cancellationRefund,
  dateColumn,
  expiryFor,
  type Failure,
  failure,
  type IsoDate,
  invalid,
  invalidInput,
  isoDateOf,
  ListBookings,
  type ListBookingsInput,
  priceFor,
  RequestStay,
  type RequestStayInput,
  type Result,
  SitterCancel,
  type SitterCancelInput,
  stayHasEnded,
  stayRequestErrors,
  todayIn,
  transition,
} from "@burrow/booking";
import type { BookingEventType } from "@burrow/events";
import { type Db, poolOf, prisma } from "../client";
import type { Booking, Prisma } from "../generated/prisma/client";
import { lockListing } from "../listings/lock";
import { bookingEvent } from "../outbox/events";
import { acceptBooking } from "./accept-sql";
import { countSitterCancellations } from "./cancellations";
import { isConflict } from "./sql-errors";

/** A booking as pages and routes use it: stay dates as calendar dates of the listing's zone. */
export interface BookingView {
  id: string;
  listingId: string;
  tenantId: string;
  status: BookingStatus;
  start: IsoDate;
  end: IsoDate;
  pets: number;
  message: string | null;
  nightlyPriceMinor: number;
  totalPriceMinor: number;
  currency: string;
  cancellationPolicy: CancellationPolicy;
  expiresAt: Date;
  decidedAt: Date | null;
  cancelledAt: Date | null;
  /** Who cancelled: the tenant, or the listing's sitter (who then gave `cancelReason`). */
  cancelledBy: Canceller | null;
  cancelReason: string | null;
  refundMinor: number | null;
  createdAt: Date;
}

export function bookingView(b: Booking): BookingView {
  return {
    id: b.id,
    listingId: b.listingId,
    tenantId: b.ownerId,
    status: b.status,
    start: isoDateOf(b.startDate),
    end: isoDateOf(b.endDate),
    pets: b.pets,
    message: b.message,
    nightlyPriceMinor: b.nightlyPriceMinor,
    totalPriceMinor: b.totalPriceMinor,
    currency: b.currency,
    cancellationPolicy: b.cancellationPolicy,
    expiresAt: b.expiresAt,
    decidedAt: b.decidedAt,
    cancelledAt: b.cancelledAt,
    // Only the tenant and the listing's sitter cancel, and a sitter never books their own listing.
    cancelledBy: b.cancelledById === null ? null : b.cancelledById === b.ownerId ? "TENANT" : "SITTER",
    cancelReason: b.cancelReason,
    refundMinor: b.refundMinor,
    createdAt: b.createdAt,
  };
}

export interface StayListItem extends BookingView {
  listing: { title: string; city: string; timeZone: string };
}
export interface RequestListItem extends BookingView {
  listing: { title: string; timeZone: string };
  tenantName: string | null;
}
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

// Up to 64 racers queue for a pooled connection and then for the listing lock.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

const OVERLAP_MESSAGE = "These dates overlap a stay that is already accepted";
const CHANGED_MESSAGE = "The booking changed in the meantime; reload and try again";

/** Bookings whose `[startDate, endDate)` overlaps `[start, end)`. */
const overlapping = (start: Date, end: Date) => ({ startDate: { lt: end }, endDate: { gt: start } });

const rangeOf = (r: { startDate: Date; endDate: Date }) => ({
  start: isoDateOf(r.startDate),
  end: isoDateOf(r.endDate),
});

/** The event name when a booking takes `event`. */
const EVENT_TYPES: Record<BookingEvent, BookingEventType> = {
  ACCEPT: "booking.accepted",
  DECLINE: "booking.declined",
  EXPIRE: "booking.expired",
  CANCEL: "booking.cancelled",
  COMPLETE: "booking.completed",
  SITTER_CANCEL: "booking.cancelled",
};

export function bookingRepository(db: Db = prisma) {
  /** Runs a transaction; a lost race (exclusion violation, deadlock, serialization failure) is a CONFLICT. */
  async function transact<T extends object>(
    work: (tx: Prisma.TransactionClient) => Promise<Result<T>>,
    conflictMessage: string,
  ): Promise<Result<T>> {
    try {
      return await db.$transaction(work, TX_OPTIONS);
    } catch (error) {
      if (isConflict(error)) return failure("CONFLICT", conflictMessage);
      throw error;
    }
  }

  /**
   * Moves one booking along `event` unless another writer moved it first (the status guard in the
   * WHERE clause re-checks the latest row version), and writes its outbox row.
   */
  async function move(
    tx: Prisma.TransactionClient,
    booking: Booking,
    sitterId: string,
    event: BookingEvent,
    data: Prisma.BookingUncheckedUpdateManyInput = {},
  ): Promise<Result<{ booking: BookingView }>> {
    const step = transition(booking.status, event);
    if (!step.ok) return failure("INVALID_STATE", step.message);
    const [moved] = await tx.booking.updateManyAndReturn({
      where: { id: booking.id, status: booking.status },
      data: { ...data, status: step.status },
    });
    if (!moved) return failure("CONFLICT", CHANGED_MESSAGE);
    const extra =
      event === "CANCEL" || event === "SITTER_CANCEL"
        ? {
            refundMinor: moved.refundMinor ?? 0,
            currency: moved.currency,
            ...(event === "SITTER_CANCEL"
              ? { cancelledBy: "sitter" as const, cancelReason: moved.cancelReason ?? "" }
              : { cancelledBy: "tenant" as const }),
          }
        : event === "DECLINE"
          ? { reason: "sitter" as const }
          : {};
    await tx.outboxEvent.create({ data: bookingEvent(EVENT_TYPES[event], moved, sitterId, extra) });
    return { ok: true, booking: bookingView(moved) };
  }

  /** A request past its expiry is dead even if the sweeper has not marked it yet. */
  const expired = (b: Booking, now: Date): Failure | null =>
    b.status === "REQUESTED" && b.expiresAt.getTime() <= now.getTime() ? expiredFailure(b) : null;

  const sitterBooking = (tx: Prisma.TransactionClient, bookingId: string, sitterId: string) =>
    tx.booking.findFirst({ where: { id: bookingId, listing: { sitterId } } });

  return {
    /**
     * A tenant asks for a stay: validated against the listing, its weekly plan and blocks, priced
     * (nights × nightly price) and given the listing's cancellation policy, all as snapshots.
     */
    async request(
      tenantId: string,
      input: RequestStayInput,
      now = new Date(),
    ): Promise<Result<{ booking: BookingView }>> {
      const parsed = RequestStay.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { listingId, start, end, pets, message } = parsed.data;
      const [startDate, endDate] = [dateColumn(start), dateColumn(end)];
      return transact(async (tx) => {
        const listing = await lockListing(tx, { listingId }, "FOR SHARE");
        if (!listing || listing.status === "ARCHIVED") return failure("NOT_FOUND", "No such listing");
        const blocks = await tx.availabilityBlock.findMany({
          where: { listingId, ...overlapping(startDate, endDate) },
          select: { startDate: true, endDate: true },
        });
        const errors = stayRequestErrors({ start, end, pets }, { listing, blocks: blocks.map(rangeOf), tenantId, now });
        if (Object.keys(errors).length > 0) return invalid(errors);
        const taken = await tx.booking.findFirst({
          where: { listingId, status: { in: ["ACCEPTED", "COMPLETED"] }, ...overlapping(startDate, endDate) },
          select: { id: true },
        });
        if (taken) return failure("CONFLICT", "Those dates are already booked");
        const booking = await tx.booking.create({
          data: {
            listingId,
            ownerId: tenantId,
            startDate,
            endDate,
            pets,
            message: message || null,
            nightlyPriceMinor: listing.nightlyPriceMinor,
            totalPriceMinor: priceFor({ start, end }, listing.nightlyPriceMinor),
            currency: listing.currency,
            cancellationPolicy: listing.cancellationPolicy,
            expiresAt: expiryFor(now, start, listing.timeZone),
            createdAt: now,
          },
        });
        await tx.outboxEvent.create({ data: bookingEvent("booking.requested", booking, listing.sitterId) });
        return { ok: true, booking: bookingView(booking) };
      }, OVERLAP_MESSAGE);
    },

    /**
     * The sitter accepts a live request: one call of pets.accept_booking (see accept-sql.ts), which
     * under the listing lock checks ownership, expiry, weekly plan and blocks, makes the booking
     * ACCEPTED, every overlapping REQUESTED booking of the listing DECLINED, and writes each change's
     * outbox row, all in one statement. Losing to an accepted stay (exclusion violation, or a request
     * declined by it) is a CONFLICT.
     */
    async accept(
      bookingId: string,
      sitterId: string,
      now = new Date(),
    ): Promise<Result<{ booking: BookingView; declined: string[] }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      let result: Awaited<ReturnType<typeof acceptBooking>>;
      try {
        result = await acceptBooking(poolOf(db), bookingId, sitterId, now);
      } catch (error) {
        if (isConflict(error)) return failure("CONFLICT", OVERLAP_MESSAGE);
        throw error;
      }
      if (result.outcome === "NOT_FOUND") return failure("NOT_FOUND", "No such booking");
      const { booking } = result;
      switch (result.outcome) {
        case "ACCEPTED":
          return { ok: true, booking: bookingView(booking), declined: result.declined };
        case "LOST_RACE":
          return failure("CONFLICT", OVERLAP_MESSAGE);
        case "EXPIRED":
          return expiredFailure(booking);
        case "UNAVAILABLE":
          return failure(
            "CONFLICT",
            "These dates are now blocked or outside your weekly plan: change your availability or decline",
          );
        case "INVALID_STATE": {
          const step = transition(booking.status, "ACCEPT");
          return failure("INVALID_STATE", step.ok ? CHANGED_MESSAGE : step.message);
        }
      }
    },

    /** The sitter says no to a live request. */
    async decline(bookingId: string, sitterId: string, now = new Date()): Promise<Result<{ booking: BookingView }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return transact(async (tx) => {
        const booking = await sitterBooking(tx, bookingId, sitterId);
        if (!booking) return failure("NOT_FOUND", "No such booking");
        return expired(booking, now) ?? move(tx, booking, sitterId, "DECLINE", { decidedAt: now });
      }, CHANGED_MESSAGE);
    },

    /**
     * The tenant cancels a request or an accepted stay that has not ended. The refund follows the policy snapshot of
     * the booking (cancellationRefund); a request was never accepted, so nothing of it is owed: its refund is the total.
     */
    async cancel(bookingId: string, tenantId: string, now = new Date()): Promise<Result<{ booking: BookingView }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return transact(async (tx) => {
        const booking = await tx.booking.findFirst({
          where: { id: bookingId, ownerId: tenantId },
          include: { listing: { select: { sitterId: true, timeZone: true } } },
        });
        if (!booking) return failure("NOT_FOUND", "No such booking");
        const lapsed = expired(booking, now);
        if (lapsed) return lapsed;
        const { listing, ...row } = booking;
        // Until the sweeper completes it, a stay that has happened is still ACCEPTED: cancelling it
        // would refund nights already spent.
        if (row.status === "ACCEPTED" && stayHasEnded(isoDateOf(row.endDate), listing.timeZone, now)) {
          return failure("INVALID_STATE", `The stay ended on ${isoDateOf(row.endDate)}; it can no longer be cancelled`);
        }
        const refundMinor = cancellationRefund("TENANT", refundBasis(row), now, listing.timeZone);
        return move(tx, row, listing.sitterId, "CANCEL", { cancelledAt: now, cancelledById: tenantId, refundMinor });
      }, CHANGED_MESSAGE);
    },

    /**
     * The sitter cancels an accepted stay on their listing that has not ended, saying why: the tenant
     * gets the whole total back whatever the policy. A stay that was completed or cancelled meanwhile
     * fails the status guard in move() (a CONFLICT), so a racing accept/complete cannot be undone.
     */
    async sitterCancel(
      sitterId: string,
      input: SitterCancelInput,
      now = new Date(),
    ): Promise<Result<{ booking: BookingView }>> {
      const parsed = SitterCancel.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { bookingId, reason } = parsed.data;
      return transact(async (tx) => {
        const booking = await tx.booking.findFirst({
          where: { id: bookingId, listing: { sitterId } },
          include: { listing: { select: { timeZone: true } } },
        });
        if (!booking) return failure("NOT_FOUND", "No such booking");
        const { listing, ...row } = booking;
        if (row.status === "ACCEPTED" && stayHasEnded(isoDateOf(row.endDate), listing.timeZone, now)) {
          return failure("INVALID_STATE", `The stay ended on ${isoDateOf(row.endDate)}; it can no longer be cancelled`);
        }
        const refundMinor = cancellationRefund("SITTER", refundBasis(row), now, listing.timeZone);
        return move(tx, row, sitterId, "SITTER_CANCEL", {
          cancelledAt: now,
          cancelledById: sitterId,
          cancelReason: reason,
          refundMinor,
        });
      }, CHANGED_MESSAGE);
    },

    /** Stays the sitter cancelled in the 12 months before `now`, over all their listings (shown to tenants). */
    sitterCancellations: (sitterId: string, now = new Date()) => countSitterCancellations(db, sitterId, now),

    /** The sitter marks an accepted stay completed, from its end date on (in the listing's zone). */
    async complete(bookingId: string, sitterId: string, now = new Date()): Promise<Result<{ booking: BookingView }>> {
      const parsed = BookingAction.safeParse({ bookingId });
      if (!parsed.success) return invalidInput(parsed.error);
      return transact(async (tx) => {
        const booking = await tx.booking.findFirst({
          where: { id: bookingId, listing: { sitterId } },
          include: { listing: { select: { timeZone: true } } },
        });
        if (!booking) return failure("NOT_FOUND", "No such booking");
        const { listing, ...row } = booking;
        if (row.status === "ACCEPTED" && !stayHasEnded(isoDateOf(row.endDate), listing.timeZone, now)) {
          return failure("INVALID_STATE", `The stay ends on ${isoDateOf(row.endDate)}; complete it from then on`);
        }
        return move(tx, row, sitterId, "COMPLETE");
      }, CHANGED_MESSAGE);
    },

    /**
     * The periodic job: requests past their expiry become EXPIRED and accepted stays whose end date
     * has come (in the listing's zone) become COMPLETED, each with its outbox row. Safe to run
     * concurrently: every row moves once, guarded by its status.
     */
    async sweep(now = new Date()): Promise<{ expired: number; completed: number }> {
      const expiredCount = await db.$transaction(async (tx) => {
        const rows = await tx.booking.updateManyAndReturn({
          where: { status: "REQUESTED", expiresAt: { lte: now } },
          data: { status: "EXPIRED" },
          include: { listing: { select: { sitterId: true } } },
        });
        await tx.outboxEvent.createMany({
          data: rows.map(({ listing, ...b }) => bookingEvent("booking.expired", b, listing.sitterId)),
        });
        return rows.length;
      }, TX_OPTIONS);
      // No zone is more than a day ahead of UTC, so later end dates cannot have come anywhere yet.
      const latestEnd = dateColumn(addDays(todayIn("UTC", now), 1));
      const completedCount = await db.$transaction(async (tx) => {
        const candidates = await tx.booking.findMany({
          where: { status: "ACCEPTED", endDate: { lte: latestEnd } },
          select: { id: true, endDate: true, listing: { select: { timeZone: true } } },
        });
        const ended = candidates.filter((c) => stayHasEnded(isoDateOf(c.endDate), c.listing.timeZone, now));
        const rows = await tx.booking.updateManyAndReturn({
          where: { id: { in: ended.map((c) => c.id) }, status: "ACCEPTED" },
          data: { status: "COMPLETED" },
          include: { listing: { select: { sitterId: true } } },
        });
        await tx.outboxEvent.createMany({
          data: rows.map(({ listing, ...b }) => bookingEvent("booking.completed", b, listing.sitterId)),
        });
        return rows.length;
      }, TX_OPTIONS);
      return { expired: expiredCount, completed: completedCount };
    },

    /** "My stays": the tenant's bookings, newest request first, optionally of one status. */
    async listStays(tenantId: string, query: ListBookingsInput = {}): Promise<Result<Page<StayListItem>>> {
      const parsed = ListBookings.safeParse(query);
      if (!parsed.success) return invalidInput(parsed.error);
      const { status, cursor, limit } = parsed.data;
      const rows = await db.booking.findMany({
        where: { ownerId: tenantId, ...(status ? { status } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: { listing: { select: { title: true, city: true, timeZone: true } } },
      });
      return { ok: true, ...page(rows, limit, ({ listing, ...b }) => ({ ...bookingView(b), listing })) };
    },

    /** The sitter's "Requests" inbox: bookings on their listings, newest first, optionally of one status. */
    async listRequests(sitterId: string, query: ListBookingsInput = {}): Promise<Result<Page<RequestListItem>>> {
      const parsed = ListBookings.safeParse(query);
      if (!parsed.success) return invalidInput(parsed.error);
      const { status, cursor, limit } = parsed.data;
      const rows = await db.booking.findMany({
        where: { listing: { sitterId }, ...(status ? { status } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: {
          listing: { select: { title: true, timeZone: true } },
          owner: { select: { screenname: true, name: true } },
        },
      });
      return {
        ok: true,
        ...page(rows, limit, ({ listing, owner, ...b }) => ({
          ...bookingView(b),
          listing,
          tenantName: owner.screenname ?? owner.name,
        })),
      };
    },
  };
}

/** Keyset pagination over (created_at, id): one row more than asked tells whether a next page exists. */
function page<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** What cancellationRefund reads of a live booking. */
const refundBasis = (b: Booking) => ({
  status: b.status,
  cancellationPolicy: b.cancellationPolicy,
  totalPriceMinor: b.totalPriceMinor,
  start: isoDateOf(b.startDate),
});

const expiredFailure = (b: { expiresAt: Date }) =>
  failure("EXPIRED", `This request expired at ${b.expiresAt.toISOString()}`);
