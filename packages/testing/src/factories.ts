// Small factories for integration tests and the booking benchmark: users and listings with
// sensible defaults, each override explicit.
import { randomUUID } from "node:crypto";
import type { Db } from "../client";
import type { Prisma, Role } from "../generated/prisma/client";

export function factories(db: Db) {
  return {
    user: (role: Role = "TENANT") => {
      const tag = randomUUID().slice(0, 8);
      return db.user.create({
        data: { email: `${role.toLowerCase()}-${tag}@burrow.test`, name: `${role} ${tag}`, role },
      });
    },
    listing: (sitterId: string, overrides: Partial<Prisma.ListingUncheckedCreateInput> = {}) =>
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
        },
      }),
  };
}
