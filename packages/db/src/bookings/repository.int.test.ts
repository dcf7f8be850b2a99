import { BOOKING_EVENTS, BOOKING_STATUSES, type BookingStatus, transition, weekdaysToMask } from "@burrow/booking";
import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingRepository } from "./repository";

// Enough connections for the 64 racers to really overlap.
const { db, sql } = testDatabase(20);
const bookings = bookingRepository(db);
const make = factories(db);

// Sunday 2027-01-10, 13:00 in Berlin. Stays are requested for February.
const NOW = new Date("2027-01-10T12:00:00Z");
const HOUR = 3_600_000;
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

async function scene(overrides: Parameters<typeof make.listing>[1] = {}) {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id, overrides);
  /** A one-pet request for [start, end) on the listing, by `who` (the tenant unless given); it must succeed. */
  const ask = async (start: string, end: string, who = tenant.id) =>
    expectOk(await bookings.request(who, { listingId: listing.id, start, end, pets: 1 }, NOW)).booking;
  return { sitter, tenant, listing, ask };
}

const count = async (query: string, params: unknown[] = []) =>
  Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${query}`, params)).rows[0]?.n);
const statusOf = async (id: string) =>
  (await sql.query<{ status: string }>("SELECT status FROM pets.bookings WHERE id = $1", [id])).rows[0]?.status;
const events = async (aggregateId: string) =>
  (
    await sql.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM pets.outbox_events WHERE aggregate_id = $1 ORDER BY created_at, type",
      [aggregateId],
    )
  ).rows;

describe("request", () => {
  it("snapshots price and policy, sets the expiry and writes booking.requested", async () => {
    const { sitter, tenant, listing } = await scene({ cancellationPolicy: "STRICT", nightlyPriceMinor: 4_550 });
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-04", pets: "2", message: " Two terriers " },
        NOW,
      ),
    );
    expect(booking).toMatchObject({
      status: "REQUESTED",
      start: "2027-02-01",
      end: "2027-02-04",
      pets: 2,
      message: "Two terriers",
      nightlyPriceMinor: 4_550,
      totalPriceMinor: 13_650,
      currency: "EUR",
      cancellationPolicy: "STRICT",
      tenantId: tenant.id,
    });
    expect(booking.expiresAt).toEqual(later(72));
    // Later edits of the listing do not touch the snapshot.
    await db.listing.update({
      where: { id: listing.id },
      data: { nightlyPriceMinor: 9_999, cancellationPolicy: "FLEXIBLE" },
    });
    expect(await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      totalPriceMinor: 13_650,
      cancellationPolicy: "STRICT",
    });
    expect(await events(booking.id)).toEqual([
      {
        type: "booking.requested",
        payload: expect.objectContaining({
          bookingId: booking.id,
          sitterId: sitter.id,
          tenantId: tenant.id,
          status: "REQUESTED",
        }),
      },
    ]);
  });

  it("expires at the start of the start date when that comes before 72 h", async () => {
    const { tenant, listing } = await scene({ timeZone: "America/New_York" });
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-01-12", end: "2027-01-14", pets: 1 },
        NOW,
      ),
    );
    expect(booking.expiresAt.toISOString()).toBe("2027-01-12T05:00:00.000Z");
  });

  it("rejects each broken rule with a field error and writes nothing", async () => {
    const { sitter, tenant, listing } = await scene({ maxPets: 2, weekdays: weekdaysToMask([1, 2, 3, 4, 5]) });
    await db.availabilityBlock.create({
      data: { listingId: listing.id, startDate: new Date("2027-02-10"), endDate: new Date("2027-02-12") },
    });
    const paused = await make.listing(sitter.id, { status: "PAUSED" });
    const valid = { listingId: listing.id, start: "2027-02-01", end: "2027-02-04", pets: 1 };
    const cases: [object, string, string, RegExp][] = [
      [{ start: "2027-01-09", end: "2027-01-12" }, tenant.id, "start", /after today/],
      [{ start: "2027-01-10" }, tenant.id, "start", /after today \(2027-01-10 in Europe\/Berlin\)/],
      [{ end: "2027-02-01" }, tenant.id, "end", /after the start date/],
      [{ end: "2027-04-03" }, tenant.id, "end", /at most 60 nights/],
      [{ end: "2027-02-08" }, tenant.id, "start", /Saturdays, Sundays/],
      [{ start: "2027-02-09", end: "2027-02-11" }, tenant.id, "start", /unavailable on 2027-02-10/],
      [{ pets: 3 }, tenant.id, "pets", /at most 2 pets/],
      [{}, sitter.id, "listingId", /own listing/],
      [{ listingId: paused.id }, tenant.id, "listingId", /paused/],
    ];
    const before = [await count("pets.bookings"), await count("pets.outbox_events")];
    for (const [change, who, field, message] of cases) {
      const result = await bookings.request(who, { ...valid, ...change }, NOW);
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(!result.ok && result.fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    expect([await count("pets.bookings"), await count("pets.outbox_events")]).toEqual(before);
    expectOk(await bookings.request(tenant.id, valid, NOW));
  });

  it("answers bad input with field errors, never an exception or a write", async () => {
    const { tenant, listing } = await scene();
    const before = [await count("pets.bookings"), await count("pets.outbox_events")];
    const bad = [
      { listingId: "not-an-id", start: "2027-02-01", end: "2027-02-03", pets: 1 },
      { listingId: `c${"x".repeat(100_000)}`, start: "2027-02-01", end: "2027-02-03", pets: 1 },
      { listingId: listing.id, start: "2027-02-30", end: "2027-03-02", pets: 1 },
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: -1 },
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1, message: "x".repeat(1_000_000) },
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1, message: "nul\u0000" },
      { listingId: listing.id, start: "'; DROP TABLE pets.bookings; --", end: "2027-02-03", pets: 1 },
      { listingId: listing.id, start: "0000-01-01", end: "0000-01-03", pets: 1 },
    ];
    for (const input of bad) {
      const result = await bookings.request(tenant.id, input, NOW);
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(Object.keys((!result.ok && result.fieldErrors) || {}).length).toBeGreaterThan(0);
    }
    const missing = { listingId: "cnosuchlisting00000000000", start: "2027-02-01", end: "2027-02-03", pets: 1 };
    expect(await bookings.request(tenant.id, missing, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    for (const action of [bookings.accept, bookings.decline, bookings.cancel, bookings.complete]) {
      expect(await action("1; SELECT pg_sleep(10)", tenant.id, NOW)).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { bookingId: ["Malformed id"] },
      });
    }
    expect([await count("pets.bookings"), await count("pets.outbox_events")]).toEqual(before);
  });
});

describe("accept", () => {
  it("accepts, declines the overlapping requests (not the back-to-back one) and writes every event", async () => {
    const { sitter, tenant, listing, ask } = await scene();
    const other = await make.user("TENANT");
    const chosen = await ask("2027-02-01", "2027-02-05");
    const overlapping = [
      await ask("2027-02-04", "2027-02-06", other.id),
      await ask("2027-01-30", "2027-02-02", other.id),
    ];
    const backToBack = await ask("2027-02-05", "2027-02-07", other.id);

    const result = expectOk(await bookings.accept(chosen.id, sitter.id, later(1)));
    expect(result.booking).toMatchObject({ status: "ACCEPTED", decidedAt: later(1) });
    expect(result.declined.sort()).toEqual(overlapping.map((b) => b.id).sort());
    for (const b of overlapping) {
      expect(await statusOf(b.id)).toBe("DECLINED");
      // Written by SQL inside the accept statement, in the same shape as bookingEvent() builds.
      expect((await events(b.id)).map((e) => [e.type, e.payload])).toEqual([
        ["booking.requested", expect.objectContaining({ status: "REQUESTED" })],
        [
          "booking.declined",
          {
            bookingId: b.id,
            listingId: listing.id,
            tenantId: other.id,
            sitterId: sitter.id,
            status: "DECLINED",
            start: b.start,
            end: b.end,
            reason: "overlap",
          },
        ],
      ]);
    }
    expect(await statusOf(backToBack.id)).toBe("REQUESTED");
    expect((await events(chosen.id)).map((e) => [e.type, e.payload])).toEqual([
      ["booking.requested", expect.objectContaining({ status: "REQUESTED" })],
      [
        "booking.accepted",
        {
          bookingId: chosen.id,
          listingId: listing.id,
          tenantId: tenant.id,
          sitterId: sitter.id,
          status: "ACCEPTED",
          start: "2027-02-01",
          end: "2027-02-05",
        },
      ],
    ]);

    // Requests for the accepted dates are now a conflict; the back-to-back one can still be accepted.
    expect(
      await bookings.request(other.id, { listingId: listing.id, start: "2027-02-03", end: "2027-02-04", pets: 1 }, NOW),
    ).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await bookings.accept(overlapping[0]!.id, sitter.id, later(2))).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expectOk(await bookings.accept(backToBack.id, sitter.id, later(2)));
  });

  it("finds an overlapping request behind earlier live ones, and declines nothing when none overlaps", async () => {
    const { sitter, ask } = await scene();
    // pets.accept_booking probes the live requests in start order and declines only when one overlaps.
    const earlier = await ask("2027-03-01", "2027-03-03");
    const before = await ask("2027-03-08", "2027-03-10");
    const chosen = await ask("2027-03-10", "2027-03-15");
    const overlapping = await ask("2027-03-14", "2027-03-20");

    expect(expectOk(await bookings.accept(chosen.id, sitter.id, later(1))).declined).toEqual([overlapping.id]);
    expect([await statusOf(earlier.id), await statusOf(before.id)]).toEqual(["REQUESTED", "REQUESTED"]);
    expect(expectOk(await bookings.accept(earlier.id, sitter.id, later(2))).declined).toEqual([]);
    expect(await statusOf(before.id)).toBe("REQUESTED");
    expect((await events(earlier.id)).map((e) => e.type)).toEqual(["booking.requested", "booking.accepted"]);
  });

  it("is only for the listing's sitter", async () => {
    const { tenant, listing } = await scene();
    const stranger = await make.user("SITTER");
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
        NOW,
      ),
    );
    for (const action of [bookings.accept, bookings.decline, bookings.complete]) {
      expect(await action(booking.id, stranger.id, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await bookings.cancel(booking.id, stranger.id, NOW)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await statusOf(booking.id)).toBe("REQUESTED");
  });

  it("never accepts an expired request, even before the sweeper ran", async () => {
    const { sitter, tenant, listing } = await scene();
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
        NOW,
      ),
    );
    expect(await bookings.accept(booking.id, sitter.id, later(72))).toMatchObject({ ok: false, code: "EXPIRED" });
    expect(await bookings.decline(booking.id, sitter.id, later(80))).toMatchObject({ ok: false, code: "EXPIRED" });
    expect(await bookings.cancel(booking.id, tenant.id, later(80))).toMatchObject({ ok: false, code: "EXPIRED" });
    expect(await statusOf(booking.id)).toBe("REQUESTED");
    // The sweep is global: other tests' requests from NOW expire too.
    expect((await bookings.sweep(later(72))).expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf(booking.id)).toBe("EXPIRED");
    expect((await events(booking.id)).map((e) => e.type)).toEqual(["booking.requested", "booking.expired"]);
    expect(await bookings.accept(booking.id, sitter.id, later(1))).toMatchObject({ ok: false, code: "INVALID_STATE" });
  });

  it("re-checks blocks and the weekly plan at accept time", async () => {
    const { sitter, tenant, listing } = await scene();
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-05", end: "2027-02-08", pets: 1 },
        NOW,
      ),
    );
    await db.listing.update({ where: { id: listing.id }, data: { weekdays: weekdaysToMask([1, 2, 3, 4, 5]) } });
    expect(await bookings.accept(booking.id, sitter.id, NOW)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: /weekly plan/,
    });
    await db.listing.update({ where: { id: listing.id }, data: { weekdays: 127 } });
    await db.availabilityBlock.create({
      data: { listingId: listing.id, startDate: new Date("2027-02-07"), endDate: new Date("2027-02-09") },
    });
    expect(await bookings.accept(booking.id, sitter.id, NOW)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: /blocked/,
    });
    expect(await statusOf(booking.id)).toBe("REQUESTED");
  });

  it("turns an exclusion violation into a CONFLICT and writes nothing", async () => {
    const { sitter, tenant, listing } = await scene();
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-04", pets: 1 },
        NOW,
      ),
    );
    // An accepted stay written behind the repository's back (as seed data or an import could).
    await sql.query(
      `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
         total_price_minor, currency, cancellation_policy, expires_at, updated_at)
       VALUES ('cbehindtheback00000000001', $1, $2, '2027-02-03', '2027-02-06', 'ACCEPTED', 1, 1, 3, 'EUR', 'FLEXIBLE', now(), now())`,
      [listing.id, tenant.id],
    );
    expect(await bookings.accept(booking.id, sitter.id, NOW)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "These dates overlap a stay that is already accepted",
    });
    expect(await statusOf(booking.id)).toBe("REQUESTED");
    expect((await events(booking.id)).map((e) => e.type)).toEqual(["booking.requested"]);
  });

  it("rolls back the accept, the declines and the outbox rows together when any write fails", async () => {
    const { sitter, ask } = await scene();
    const chosen = await ask("2027-03-01", "2027-03-05");
    const loser = await ask("2027-03-02", "2027-03-03");
    // Make the last write of the transaction fail: the outbox insert of the decline event.
    await sql.query(`
      CREATE FUNCTION public.test_fail_declined() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
      CREATE TRIGGER test_fail_declined BEFORE INSERT ON pets.outbox_events FOR EACH ROW
        WHEN (NEW.type = 'booking.declined') EXECUTE FUNCTION public.test_fail_declined();`);
    try {
      await expect(bookings.accept(chosen.id, sitter.id, NOW)).rejects.toThrow(/outbox unavailable/);
    } finally {
      await sql.query(
        "DROP TRIGGER test_fail_declined ON pets.outbox_events; DROP FUNCTION public.test_fail_declined();",
      );
    }
    expect([await statusOf(chosen.id), await statusOf(loser.id)]).toEqual(["REQUESTED", "REQUESTED"]);
    expect((await events(chosen.id)).map((e) => e.type)).toEqual(["booking.requested"]);
    expect((await events(loser.id)).map((e) => e.type)).toEqual(["booking.requested"]);
    expectOk(await bookings.accept(chosen.id, sitter.id, NOW));
  });
});

describe("decline, cancel, complete and the sweeper", () => {
  it("declines a request with its event", async () => {
    const { sitter, tenant, listing } = await scene();
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
        NOW,
      ),
    );
    expect(expectOk(await bookings.decline(booking.id, sitter.id, later(1))).booking).toMatchObject({
      status: "DECLINED",
      decidedAt: later(1),
    });
    expect((await events(booking.id)).at(-1)).toMatchObject({
      type: "booking.declined",
      payload: { reason: "sitter" },
    });
    expect(await bookings.decline(booking.id, sitter.id, later(1))).toMatchObject({
      ok: false,
      code: "INVALID_STATE",
      message: "The booking is declined, so it cannot be declined",
    });
  });

  it("records the refund of the booking's policy snapshot when the tenant cancels", async () => {
    // MODERATE in Berlin for a stay starting 2027-02-10: full refund before 00:00 on 02-05, half before 02-09.
    const { sitter, tenant, listing } = await scene({ cancellationPolicy: "MODERATE", nightlyPriceMinor: 1_001 });
    const stay = async () => {
      const { booking } = expectOk(
        await bookings.request(
          tenant.id,
          { listingId: listing.id, start: "2027-02-10", end: "2027-02-12", pets: 1 },
          NOW,
        ),
      );
      expectOk(await bookings.accept(booking.id, sitter.id, NOW));
      return booking;
    };
    const cases: [string, number][] = [
      ["2027-02-04T22:59:59Z", 2_002],
      ["2027-02-04T23:00:00Z", 1_001],
      ["2027-02-08T23:00:00Z", 0],
    ];
    for (const [when, refund] of cases) {
      const booking = await stay();
      const { booking: cancelled } = expectOk(await bookings.cancel(booking.id, tenant.id, new Date(when)));
      expect(cancelled).toMatchObject({ status: "CANCELLED", refundMinor: refund, cancelledAt: new Date(when) });
      const row = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
      expect(row.cancelledById).toBe(tenant.id);
      expect((await events(booking.id)).at(-1)).toMatchObject({
        type: "booking.cancelled",
        payload: { refundMinor: refund, currency: "EUR" },
      });
    }
    // A request never accepted owes nothing: its refund is the whole total.
    const { booking } = expectOk(
      await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-20", end: "2027-02-21", pets: 1 },
        NOW,
      ),
    );
    expect(expectOk(await bookings.cancel(booking.id, tenant.id, NOW)).booking.refundMinor).toBe(1_001);
    expect(await bookings.cancel(booking.id, tenant.id, NOW)).toMatchObject({ ok: false, code: "INVALID_STATE" });
  });

  it("refuses to cancel an accepted stay from its end date in the listing's zone, writing nothing", async () => {
    const { sitter, tenant, ask } = await scene({ timeZone: "America/New_York" });
    const booking = await ask("2027-01-20", "2027-01-22");
    expectOk(await bookings.accept(booking.id, sitter.id, NOW));
    const outbox = await count("pets.outbox_events");
    // 05:00Z is midnight of the end date in New York: the sweeper has not completed the stay yet.
    expect(await bookings.cancel(booking.id, tenant.id, new Date("2027-01-22T05:00:00Z"))).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: "The stay ended on 2027-01-22; it can no longer be cancelled",
    });
    expect(await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      status: "ACCEPTED",
      cancelledAt: null,
      cancelledById: null,
      refundMinor: null,
    });
    expect(await count("pets.outbox_events")).toBe(outbox);
    // A second earlier the last night was still running there, and the stay could be cancelled.
    expect(
      expectOk(await bookings.cancel(booking.id, tenant.id, new Date("2027-01-22T04:59:59Z"))).booking.status,
    ).toBe("CANCELLED");
  });

  it("completes a stay from its end date in the listing's zone, by the sitter or the sweeper", async () => {
    const tokyo = await scene({ timeZone: "Asia/Tokyo" });
    const newYork = await scene({ timeZone: "America/New_York" });
    const stays = [];
    for (const { sitter, tenant, listing } of [tokyo, newYork]) {
      const { booking } = expectOk(
        await bookings.request(
          tenant.id,
          { listingId: listing.id, start: "2027-01-20", end: "2027-01-22", pets: 1 },
          NOW,
        ),
      );
      expectOk(await bookings.accept(booking.id, sitter.id, NOW));
      stays.push({ sitter, booking });
    }
    const [inTokyo, inNewYork] = stays as [(typeof stays)[0], (typeof stays)[0]];
    // 2027-01-21T20:00Z is already the 22nd in Tokyo but still the 21st in New York.
    const evening = new Date("2027-01-21T20:00:00Z");
    expect(await bookings.complete(inNewYork.booking.id, inNewYork.sitter.id, evening)).toMatchObject({
      ok: false,
      code: "INVALID_STATE",
      message: /ends on 2027-01-22/,
    });
    expect(await bookings.sweep(evening)).toMatchObject({ completed: 1 });
    expect(await statusOf(inTokyo.booking.id)).toBe("COMPLETED");
    expect(await statusOf(inNewYork.booking.id)).toBe("ACCEPTED");
    expect(
      expectOk(await bookings.complete(inNewYork.booking.id, inNewYork.sitter.id, new Date("2027-01-22T05:00:00Z")))
        .booking.status,
    ).toBe("COMPLETED");
    for (const { booking } of stays) {
      expect((await events(booking.id)).map((e) => e.type)).toEqual([
        "booking.requested",
        "booking.accepted",
        "booking.completed",
      ]);
    }
    expect(await bookings.sweep(new Date("2027-02-01T00:00:00Z"))).toMatchObject({ completed: 0 });
  });
});

describe("PostgreSQL enforces the state machine", () => {
  it("allows exactly the transitions of transition(), for every pair of statuses", async () => {
    const { tenant, listing } = await scene();
    const allowed = new Set(
      BOOKING_STATUSES.flatMap((from) =>
        BOOKING_EVENTS.flatMap((event) => {
          const step = transition(from, event);
          return step.ok ? [`${from}->${step.status}`] : [];
        }),
      ),
    );
    let day = 0;
    for (const from of BOOKING_STATUSES) {
      for (const to of BOOKING_STATUSES.filter((s) => s !== from)) {
        // Each pair on its own dates, so the exclusion constraint never interferes.
        const start = new Date(Date.UTC(2028, 0, 1 + 2 * day++));
        const row = await db.booking.create({
          data: {
            listingId: listing.id,
            ownerId: tenant.id,
            startDate: start,
            endDate: new Date(start.getTime() + 86_400_000),
            status: from,
            pets: 1,
            nightlyPriceMinor: 1,
            totalPriceMinor: 1,
            currency: "EUR",
            cancellationPolicy: "FLEXIBLE",
            expiresAt: NOW,
          },
        });
        const update = sql.query("UPDATE pets.bookings SET status = $2 WHERE id = $1", [row.id, to]);
        if (allowed.has(`${from}->${to}`)) await expect(update, `${from}->${to}`).resolves.toBeTruthy();
        else
          await expect(update, `${from}->${to}`).rejects.toThrow(`illegal booking status transition ${from} -> ${to}`);
      }
    }
    expect(allowed.size).toBe(6);
  });
});

describe("my stays and the requests inbox", () => {
  it("filter by status and page by keyset", async () => {
    const { sitter, tenant, listing } = await scene();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const start = `2027-03-${String(1 + 3 * i).padStart(2, "0")}`;
      const end = `2027-03-${String(2 + 3 * i).padStart(2, "0")}`;
      ids.push(
        expectOk(await bookings.request(tenant.id, { listingId: listing.id, start, end, pets: 1 }, later(i))).booking
          .id,
      );
    }
    expectOk(await bookings.accept(ids[1]!, sitter.id, later(5)));
    const newestFirst = [...ids].reverse();

    type List = (
      who: string,
      query: { limit: number; cursor?: string },
    ) => ReturnType<typeof bookings.listStays | typeof bookings.listRequests>;
    const walk = async (list: List, who: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = expectOk(await list(who, { limit: 2, ...(cursor ? { cursor } : {}) }));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((b) => b.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    expect(await walk(bookings.listStays, tenant.id)).toEqual(newestFirst);
    expect(await walk(bookings.listRequests, sitter.id)).toEqual(newestFirst);

    const accepted = expectOk(await bookings.listRequests(sitter.id, { status: "ACCEPTED" }));
    expect(accepted.items.map((b) => [b.id, b.status, b.listing.title, b.tenantName])).toEqual([
      [ids[1], "ACCEPTED", listing.title, tenant.name],
    ]);
    expect(expectOk(await bookings.listStays(tenant.id, { status: "REQUESTED" })).items).toHaveLength(4);
    expect(expectOk(await bookings.listStays(sitter.id)).items).toEqual([]);
    expect(await bookings.listStays(tenant.id, { cursor: "nope", limit: 1000 })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { cursor: ["Malformed id"], limit: ["Must be at most 50"] },
    });
  });
});

describe("the race: 64 concurrent accepts and requests for overlapping dates on one listing", () => {
  const ROUNDS = 20;
  const ACCEPTS = 48;
  const REQUESTS = 64 - ACCEPTS;

  it(`has exactly one winner and only clean conflicts, ${ROUNDS} times over`, async () => {
    const { sitter, listing } = await scene({ maxPets: 5 });
    const tenants = await Promise.all([1, 2, 3, 4].map(() => make.user("TENANT")));
    for (let round = 0; round < ROUNDS; round++) {
      // Every stay of a round contains the night `base + 2`, so any two of them overlap.
      const base = new Date(Date.UTC(2027, 1, 1 + 6 * round));
      const day = (n: number) => new Date(base.getTime() + n * 86_400_000).toISOString().slice(0, 10);
      const input = (i: number) => ({
        listingId: listing.id,
        start: day(i % 3),
        end: day(3 + (i % 3)),
        pets: 1 + (i % 5),
      });
      const tenantOf = (i: number) => (tenants[i % tenants.length] as { id: string }).id;
      const requested = [];
      for (let i = 0; i < ACCEPTS; i++)
        requested.push(expectOk(await bookings.request(tenantOf(i), input(i), NOW)).booking.id);

      const settled = await Promise.allSettled([
        ...requested.map((id) => bookings.accept(id, sitter.id, NOW).then((r) => ({ kind: "accept" as const, r }))),
        ...Array.from({ length: REQUESTS }, (_, i) =>
          bookings.request(tenantOf(i), input(i), NOW).then((r) => ({ kind: "request" as const, r })),
        ),
      ]);

      const thrown = settled.filter((s) => s.status === "rejected");
      expect(thrown, `round ${round}: nothing throws`).toEqual([]);
      const results = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      const accepts = results.filter((x) => x.kind === "accept").map((x) => x.r);
      const requests = results.filter((x) => x.kind === "request").map((x) => x.r);
      expect(
        accepts.filter((r) => r.ok),
        `round ${round}: one winner`,
      ).toHaveLength(1);
      expect(accepts.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(ACCEPTS - 1).fill("CONFLICT"));
      expect(
        requests.every((r) => r.ok || r.code === "CONFLICT"),
        `round ${round}: requests ok or 409`,
      ).toBe(true);

      const made = requests.filter((r) => r.ok).length;
      const rows = await sql.query<{ status: BookingStatus; n: number }>(
        `SELECT status, count(*)::int AS n FROM pets.bookings
          WHERE listing_id = $1 AND start_date >= $2 AND start_date < $3 GROUP BY status ORDER BY status`,
        [listing.id, day(0), day(6)],
      );
      // No row lost: every request made is there, one accepted, every other declined.
      expect(rows.rows).toEqual([
        { status: "ACCEPTED", n: 1 },
        { status: "DECLINED", n: ACCEPTS + made - 1 },
      ]);
      const outbox = await sql.query<{ type: string; n: number }>(
        `SELECT e.type, count(*)::int AS n FROM pets.outbox_events e JOIN pets.bookings b ON b.id = e.aggregate_id
          WHERE b.listing_id = $1 AND b.start_date >= $2 AND b.start_date < $3 GROUP BY e.type ORDER BY e.type`,
        [listing.id, day(0), day(6)],
      );
      expect(outbox.rows).toEqual([
        { type: "booking.accepted", n: 1 },
        { type: "booking.declined", n: ACCEPTS + made - 1 },
        { type: "booking.requested", n: ACCEPTS + made },
      ]);
    }
  });
});
