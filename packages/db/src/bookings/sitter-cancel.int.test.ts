import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "./repository";

const { db, sql } = testDatabase(8);
const bookings = bookingRepository(db);
const make = factories(db);

// Sunday 2027-01-10 in Berlin; the stays are in February.
const NOW = new Date("2027-01-10T12:00:00Z");
const DAY = 86_400_000;
const REASON = "My mother is in hospital and I have to travel.";

/** A STRICT listing (a late tenant cancel refunds nothing), its sitter, a tenant and an accepted stay. */
async function scene(start = "2027-02-10", end = "2027-02-13") {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id, { cancellationPolicy: "STRICT", nightlyPriceMinor: 5_000 });
  const request = async (s: string, e: string) =>
    expectOk(await bookings.request(tenant.id, { listingId: listing.id, start: s, end: e, pets: 1 }, NOW)).booking;
  const stay = await request(start, end);
  expectOk(await bookings.accept(stay.id, sitter.id, NOW));
  return { sitter, tenant, listing, stay, request };
}

const outboxCount = async () => Number((await sql.query("SELECT count(*) AS n FROM pets.outbox_events")).rows[0].n);
const lastEvent = async (bookingId: string) =>
  (
    await sql.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM pets.outbox_events WHERE aggregate_id = $1 ORDER BY created_at DESC, type LIMIT 1",
      [bookingId],
    )
  ).rows[0];
const uncancelled = { cancelledAt: null, cancelledById: null, cancelReason: null, refundMinor: null };

describe("sitterCancel", () => {
  it("cancels an accepted stay with the reason, refunds the whole total whatever the policy and tells the tenant", async () => {
    const { sitter, tenant, stay } = await scene();
    // The stay has begun: under STRICT a tenant would get nothing back now.
    const when = new Date("2027-02-11T09:00:00Z");
    const { booking } = expectOk(
      await bookings.sitterCancel(sitter.id, { bookingId: stay.id, reason: `  ${REASON}\n` }, when),
    );
    expect(booking).toMatchObject({
      status: "CANCELLED",
      cancelledAt: when,
      cancelledBy: "SITTER",
      cancelReason: REASON,
      refundMinor: 15_000,
      totalPriceMinor: 15_000,
    });
    expect(await db.booking.findUniqueOrThrow({ where: { id: stay.id } })).toMatchObject({
      status: "CANCELLED",
      cancelledById: sitter.id,
      cancelReason: REASON,
      refundMinor: 15_000,
    });
    expect(await lastEvent(stay.id)).toEqual({
      type: "booking.cancelled",
      payload: expect.objectContaining({
        tenantId: tenant.id,
        sitterId: sitter.id,
        status: "CANCELLED",
        cancelledBy: "sitter",
        cancelReason: REASON,
        refundMinor: 15_000,
        currency: "EUR",
      }),
    });
  });

  it("refuses other people, wrong states, ended stays and bad reasons with clear failures, storing nothing", async () => {
    const { sitter, tenant, stay, request } = await scene();
    const other = await make.user("SITTER");
    const requested = await request("2027-03-01", "2027-03-03");
    const declined = await request("2027-03-10", "2027-03-12");
    expectOk(await bookings.decline(declined.id, sitter.id, NOW));
    const ended = await request("2027-01-20", "2027-01-22");
    expectOk(await bookings.accept(ended.id, sitter.id, NOW));
    const completed = await request("2027-01-25", "2027-01-26");
    expectOk(await bookings.accept(completed.id, sitter.id, NOW));
    expectOk(await bookings.complete(completed.id, sitter.id, new Date("2027-01-27T00:00:00Z")));
    const before = await outboxCount();
    const cancel = (who: string, bookingId: string, now = NOW) =>
      bookings.sitterCancel(who, { bookingId, reason: REASON }, now);

    expect(await cancel(other.id, stay.id)).toEqual({ ok: false, code: "NOT_FOUND", message: "No such booking" });
    expect(await cancel(tenant.id, stay.id)).toEqual({ ok: false, code: "NOT_FOUND", message: "No such booking" });
    expect(await cancel(sitter.id, requested.id)).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: "The booking is requested, so it cannot be cancelled by the sitter",
    });
    expect(await cancel(sitter.id, declined.id)).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(await cancel(sitter.id, completed.id)).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(await cancel(sitter.id, ended.id, new Date("2027-01-22T00:00:00Z"))).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: "The stay ended on 2027-01-22; it can no longer be cancelled",
    });
    for (const reason of [undefined, "", "   ", "r".repeat(501), "nul \u0000 byte", 42]) {
      const input = { bookingId: stay.id, reason } as { bookingId: string; reason: string };
      expect(await bookings.sitterCancel(sitter.id, input, NOW)).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { reason: [expect.any(String)] },
      });
    }
    expect(await cancel(sitter.id, "not-an-id")).toMatchObject({ ok: false, code: "VALIDATION" });

    expect(await outboxCount()).toBe(before);
    for (const { id } of [stay, ended]) {
      expect(await db.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "ACCEPTED",
        ...uncancelled,
      });
    }
    expect(await db.booking.findUniqueOrThrow({ where: { id: requested.id } })).toMatchObject({
      status: "REQUESTED",
      ...uncancelled,
    });
  });

  it("counts the sitter's own cancellations of the last 12 months, not the tenants'", async () => {
    const { sitter, tenant, stay, request } = await scene();
    expect(await bookings.sitterCancellations(sitter.id, NOW)).toBe(0);
    expectOk(await bookings.sitterCancel(sitter.id, { bookingId: stay.id, reason: REASON }, NOW));
    const second = await request("2027-03-01", "2027-03-03");
    expectOk(await bookings.accept(second.id, sitter.id, NOW));
    expectOk(await bookings.cancel(second.id, tenant.id, NOW));
    expect(await bookings.sitterCancellations(sitter.id, NOW)).toBe(1);
    expect(await bookings.sitterCancellations(sitter.id, new Date(NOW.getTime() + 364 * DAY))).toBe(1);
    expect(await bookings.sitterCancellations(sitter.id, new Date(NOW.getTime() + 366 * DAY))).toBe(0);
    expect(await bookings.sitterCancellations(tenant.id, NOW)).toBe(0);
  });

  it("never corrupts a stay when a sitter's cancel races the tenant's cancel or a complete", async () => {
    for (let round = 0; round < 8; round++) {
      const { sitter, tenant, stay } = await scene("2027-01-20", "2027-01-22");
      const rival =
        round % 2 === 0
          ? bookings.cancel(stay.id, tenant.id, NOW)
          : bookings.complete(stay.id, sitter.id, new Date("2027-01-22T12:00:00Z"));
      const [mine, theirs] = await Promise.all([
        bookings.sitterCancel(sitter.id, { bookingId: stay.id, reason: REASON }, NOW),
        rival,
      ]);
      expect([mine.ok, theirs.ok].filter(Boolean)).toHaveLength(1);
      const loser = mine.ok ? theirs : mine;
      expect(loser).toMatchObject({ ok: false, code: expect.stringMatching(/^(CONFLICT|INVALID_STATE)$/) });
      const row = await db.booking.findUniqueOrThrow({ where: { id: stay.id } });
      if (mine.ok) expect(row).toMatchObject({ status: "CANCELLED", cancelledById: sitter.id, refundMinor: 10_000 });
      else if (round % 2 === 0) expect(row).toMatchObject({ cancelledById: tenant.id, cancelReason: null });
      else expect(row).toMatchObject({ status: "COMPLETED", ...uncancelled });
      const moves = await sql.query("SELECT 1 FROM pets.outbox_events WHERE aggregate_id = $1 AND type <> ALL($2)", [
        stay.id,
        ["booking.requested", "booking.accepted"],
      ]);
      expect(moves.rowCount).toBe(1);
    }
  });
});

describe("PostgreSQL refuses a sitter's cancel the state machine does not allow", () => {
  const violation = { code: "23514", constraint: "bookings_status_transition" };

  it("of a request, or of an accepted stay without a reason", async () => {
    const { sitter, stay, request } = await scene();
    const requested = await request("2027-03-01", "2027-03-03");
    const cancel = (id: string, reason: string | null) =>
      sql.query(
        "UPDATE pets.bookings SET status = 'CANCELLED', cancelled_by = $2, cancel_reason = $3, cancelled_at = now() WHERE id = $1",
        [id, sitter.id, reason],
      );
    await expect(cancel(requested.id, REASON)).rejects.toMatchObject(violation);
    await expect(cancel(stay.id, null)).rejects.toMatchObject(violation);
    await expect(cancel(stay.id, "  ")).rejects.toMatchObject({
      code: "23514",
      constraint: "bookings_cancel_reason_check",
    });
    await expect(cancel(stay.id, REASON)).resolves.toMatchObject({ rowCount: 1 });
  });
});
