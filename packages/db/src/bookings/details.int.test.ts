import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { bookingDetailsRepository } from "./details";
import { bookingRepository } from "./repository";

const { db } = testDatabase(4);
const details = bookingDetailsRepository(db);
const bookings = bookingRepository(db);
const make = factories(db);
const NOW = new Date("2027-01-01T09:00:00Z");

describe("booking details", () => {
  it("shows the booking to its tenant and its sitter, with names and listing, and to nobody else", async () => {
    const sitter = await make.user("SITTER");
    const otherSitter = await make.user("SITTER");
    const tenant = await db.user.create({ data: { email: "detail-tenant@burrow.test", screenname: "farah" } });
    const otherTenant = await make.user("TENANT");
    const listing = await make.listing(sitter.id, { title: "Dog villa", timeZone: "Europe/Berlin" });
    const requested = await bookings.request(
      tenant.id,
      { listingId: listing.id, start: "2027-02-01", end: "2027-02-04", pets: 2, message: "Two beagles" },
      NOW,
    );
    if (!requested.ok) throw new Error(requested.message);
    const id = requested.booking.id;

    const expected = {
      id,
      status: "REQUESTED",
      start: "2027-02-01",
      end: "2027-02-04",
      pets: 2,
      message: "Two beagles",
      totalPriceMinor: 13_500,
      listing: { id: listing.id, title: "Dog villa", timeZone: "Europe/Berlin", sitterId: sitter.id },
      sitterName: sitter.name,
      tenantName: "farah",
    };
    expect(await details.forTenant(id, tenant.id)).toMatchObject({ ok: true, booking: expected });
    expect(await details.forSitter(id, sitter.id)).toMatchObject({ ok: true, booking: expected });

    for (const result of [
      await details.forTenant(id, otherTenant.id),
      await details.forTenant(id, sitter.id),
      await details.forSitter(id, otherSitter.id),
      await details.forSitter(id, tenant.id),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await details.forTenant("x".repeat(500), tenant.id)).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});
