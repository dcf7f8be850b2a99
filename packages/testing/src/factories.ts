// Small factories for integration tests and benchmarks: users, listings and booking requests with
// sensible defaults, each override explicit; every e-mail is unique, so no test depends on seed data.
import { randomUUID } from "node:crypto";
import { bookingRepository, type Db, type listingRepository, type Role } from "@burrow/db";

type ListingData = Parameters<Db["listing"]["create"]>[0]["data"];
type ListingInput = Parameters<ReturnType<typeof listingRepository>["create"]>[1];

/** What a sitter's listing form sends, for tests that create listings through the repository. */
export const listingInput = (overrides: Partial<ListingInput> = {}): ListingInput => ({
  title: "Pooled garden flat",
  description: "A quiet home.",
  city: "Leipzig",
  timeZone: "Europe/Berlin",
  nightlyPriceMinor: 3_000,
  currency: "EUR",
  species: ["CAT"],
  maxPets: 2,
  cancellationPolicy: "FLEXIBLE",
  ...overrides,
});

export function factories(db: Db) {
  return {
    user: (role: Role = "TENANT") => {
      const tag = randomUUID().slice(0, 8);
      return db.user.create({
        data: { email: `${role.toLowerCase()}-${tag}@burrow.test`, name: `${role} ${tag}`, role },
      });
    },
    listing: (sitterId: string, overrides: Partial<ListingData> = {}) =>
      db.listing.create({
        data: {
          sitterId,
          title: "Garden flat for dogs",
          description: "Long walks, a quiet home.",
          city: "Berlin",
          timeZone: "Europe/Berlin",
          nightlyPriceMinor: 4_500,
          currency: "EUR",
          species: ["DOG"],
          maxPets: 3,
          cancellationPolicy: "MODERATE",
          ...overrides,
        } as ListingData,
      }),
    /** A booking request through the repository (so its outbox event is written), asserted to succeed. */
    request: async (tenantId: string, listingId: string, start: string, end: string, now = new Date()) =>
      expectOk(await bookingRepository(db).request(tenantId, { listingId, start, end, pets: 1 }, now)).booking,
  };
}

/** The success branch of a Result, or a thrown error showing the failure. */
export function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
