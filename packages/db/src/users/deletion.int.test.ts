import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { accountDeletionRepository, deletedEmail } from "./deletion";

const { db } = testDatabase(4);
const deletion = accountDeletionRepository(db);
const NOW = new Date("2027-05-01T09:00:00Z");

describe("anonymize", () => {
  it("ends the sessions, blanks personal data and keeps the bookings", async () => {
    const sitter = await db.user.create({ data: { email: "sitter@burrow.test", role: "SITTER" } });
    const user = await db.user.create({
      data: {
        email: "Leaving@Burrow.test",
        name: "Lea",
        screenname: "lea",
        image: "https://x.test/a.png",
        role: "SITTER",
      },
    });
    await db.session.create({ data: { sessionToken: "s1", userId: user.id, expires: new Date("2030-01-01") } });
    await db.session.create({ data: { sessionToken: "s2", userId: sitter.id, expires: new Date("2030-01-01") } });
    await db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: "42" } });
    await db.verificationToken.create({
      data: { identifier: user.email, token: "t", expires: new Date("2030-01-01") },
    });
    const listing = await db.listing.create({
      data: {
        sitterId: sitter.id,
        title: "Flat",
        description: "d",
        city: "Berlin",
        timeZone: "Europe/Berlin",
        nightlyPriceMinor: 100,
        currency: "EUR",
        species: ["DOG"],
        maxPets: 1,
      },
    });
    const booking = await db.booking.create({
      data: {
        listingId: listing.id,
        ownerId: user.id,
        startDate: new Date("2027-06-01"),
        endDate: new Date("2027-06-03"),
        pets: 1,
        nightlyPriceMinor: 100,
        totalPriceMinor: 200,
        currency: "EUR",
        cancellationPolicy: "MODERATE",
        expiresAt: new Date("2027-05-04"),
      },
    });

    expect(await deletion.anonymize(user.id, NOW)).toEqual({ found: true });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({
      email: deletedEmail(user.id),
      name: null,
      screenname: null,
      image: null,
      role: "TENANT",
      deletedAt: NOW,
    });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.verificationToken.count({ where: { identifier: "Leaving@Burrow.test" } })).toBe(0);
    expect(await db.booking.findUnique({ where: { id: booking.id } })).toMatchObject({ ownerId: user.id });
    // The address is free again: signing up anew makes a different user.
    const again = await db.user.create({ data: { email: "Leaving@Burrow.test" } });
    expect(again.id).not.toBe(user.id);
    // Nobody else is signed out.
    expect(await db.session.count({ where: { userId: sitter.id } })).toBe(1);
  });

  it("is idempotent and answers found: false for an unknown user", async () => {
    const user = await db.user.create({ data: { email: "twice@burrow.test" } });
    await deletion.anonymize(user.id, NOW);
    await deletion.anonymize(user.id, new Date("2027-06-01T00:00:00Z"));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toEqual(NOW);
    expect(await deletion.anonymize("no-such-user")).toEqual({ found: false });
  });
});
