import { expectOk, factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../client";
import { reviewRepository } from "../reviews/repository";
import { reminderRepository } from "./reminders";
import { bookingRepository } from "./repository";

const { db, sql, url } = testDatabase(6);
const bookings = bookingRepository(db);
const reviews = reviewRepository(db);
const reminders = reminderRepository(db);
const make = factories(db);

const NOW = new Date("2027-01-10T12:00:00Z");

async function scene(timeZone = "Europe/Berlin") {
  const sitter = await make.user("SITTER");
  const tenant = await make.user("TENANT");
  const listing = await make.listing(sitter.id, { timeZone });
  const request = async (start: string, end: string) =>
    expectOk(await bookings.request(tenant.id, { listingId: listing.id, start, end, pets: 1 }, NOW)).booking;
  const accepted = async (start: string, end: string) => {
    const stay = await request(start, end);
    expectOk(await bookings.accept(stay.id, sitter.id, NOW));
    return stay;
  };
  return { sitter, tenant, listing, request, accepted };
}

const events = async (type: string) =>
  (
    await sql.query<{ aggregate_id: string; payload: Record<string, unknown> }>(
      "SELECT aggregate_id, payload FROM pets.outbox_events WHERE type = $1 ORDER BY seq",
      [type],
    )
  ).rows;

describe("reminderRepository.publishDue", () => {
  it("writes booking.starts_soon once, on the day before an accepted stay in the listing's zone", async () => {
    const { sitter, tenant, listing, request, accepted } = await scene();
    const stay = await accepted("2027-02-10", "2027-02-12");
    const cancelled = await accepted("2027-02-20", "2027-02-22");
    expectOk(await bookings.cancel(cancelled.id, tenant.id, NOW));
    await request("2027-02-14", "2027-02-15"); // never accepted: no reminder

    // Berlin's 9 February begins at 2027-02-08T23:00Z.
    expect(await reminders.publishDue(new Date("2027-02-08T22:59:00Z"))).toEqual({ startsSoon: 0, reviewClosing: 0 });
    expect(await reminders.publishDue(new Date("2027-02-08T23:00:00Z"))).toEqual({ startsSoon: 1, reviewClosing: 0 });
    expect(await reminders.publishDue(new Date("2027-02-09T20:00:00Z"))).toEqual({ startsSoon: 0, reviewClosing: 0 });
    expect(await events("booking.starts_soon")).toEqual([
      {
        aggregate_id: stay.id,
        payload: {
          bookingId: stay.id,
          listingId: listing.id,
          tenantId: tenant.id,
          sitterId: sitter.id,
          status: "ACCEPTED",
          start: "2027-02-10",
          end: "2027-02-12",
        },
      },
    ]);
    // The request's and the cancelled stay's days before pass without a reminder.
    expect((await reminders.publishDue(new Date("2027-02-13T12:00:00Z"))).startsSoon).toBe(0);
    expect((await reminders.publishDue(new Date("2027-02-19T12:00:00Z"))).startsSoon).toBe(0);
  });

  it("writes each reminder once when several instances sweep at the same moment", async () => {
    const { accepted } = await scene("America/New_York");
    const stays = await Promise.all([accepted("2027-03-01", "2027-03-03"), accepted("2027-03-05", "2027-03-07")]);
    // Four instances, each with its own connections.
    const instances = Array.from({ length: 4 }, () => createPrismaClient(url, 2));
    try {
      const when = new Date("2027-02-28T15:00:00Z");
      const results = await Promise.all(instances.map((client) => reminderRepository(client).publishDue(when)));
      expect(results.reduce((n, r) => n + r.startsSoon, 0)).toBe(1);
    } finally {
      await Promise.all(instances.map((client) => client.$disconnect()));
    }
    const written = (await events("booking.starts_soon")).filter((e) => stays.some((s) => s.id === e.aggregate_id));
    expect(written.map((e) => e.aggregate_id)).toEqual([stays[0]?.id]);
  });

  it("reminds the parties who have not reviewed, in the last three days of the review window", async () => {
    const { sitter, tenant, accepted } = await scene();
    const one = await accepted("2027-04-01", "2027-04-05");
    const both = await accepted("2027-04-10", "2027-04-12");
    const ended = new Date("2027-04-12T12:00:00Z");
    for (const stay of [one, both]) expectOk(await bookings.complete(stay.id, sitter.id, ended));
    expectOk(await reviews.write(tenant.id, { bookingId: one.id, rating: 5, text: "Lovely" }, ended));
    expectOk(await reviews.write(tenant.id, { bookingId: both.id, rating: 4, text: "Good" }, ended));
    expectOk(await reviews.write(sitter.id, { bookingId: both.id, rating: 5, text: "Great dog" }, ended));

    // `one` ended 2027-04-05: its window closes at the start of 19 April in Berlin (22:00Z on the 18th,
    // summer time); the notice starts at the start of 16 April.
    expect((await reminders.publishDue(new Date("2027-04-15T21:59:00Z"))).reviewClosing).toBe(0);
    expect((await reminders.publishDue(new Date("2027-04-15T22:00:00Z"))).reviewClosing).toBe(1);
    expect((await reminders.publishDue(new Date("2027-04-17T10:00:00Z"))).reviewClosing).toBe(0);
    const [closing] = await events("review.window_closing");
    expect(closing).toMatchObject({
      aggregate_id: one.id,
      payload: { status: "COMPLETED", closesAt: "2027-04-18T22:00:00.000Z", pending: ["sitter"] },
    });
    // `both` has both reviews: its window closes with nobody to remind.
    expect((await reminders.publishDue(new Date("2027-04-25T12:00:00Z"))).reviewClosing).toBe(0);
  });
});
