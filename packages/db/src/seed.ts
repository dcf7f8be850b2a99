// Deterministic demo data: fixed ids and dates, upserted, so re-running changes nothing.
import {
  ALL_WEEKDAYS,
  CANCELLATION_POLICIES,
  type CancellationPolicy,
  dateColumn,
  expiryFor,
  isoDateOf,
  nightsBetween,
  startOfDayIn,
  weekdaysToMask,
} from "@burrow/booking";
import type { Db } from "./client";
import { parseToolEnv } from "./env";
import type { BookingStatus, Role, Species } from "./generated/prisma/enums";

const id = (kind: string, n: number) => `cseed${kind}${String(n).padStart(20 - kind.length, "0")}`;
const firstName = (name: string) => name.split(" ", 1)[0] as string;

export interface SeedUser {
  id: string;
  email: string;
  name: string;
  screenname: string;
  role: Role;
  bio: string;
}

const sitterNames = ["Ada Lind", "Bruno Costa", "Chloe Martin", "Daichi Sato", "Elena Rossi"];
const tenantNames = ["Farah Haddad", "Gus Olsen", "Hana Kim", "Ivo Novak"];

export const SEED_USERS: SeedUser[] = [
  ...sitterNames.map((name, i) => ({
    id: id("sitter", i + 1),
    email: `sitter${i + 1}@burrow.test`,
    name,
    screenname: firstName(name).toLowerCase(),
    role: "SITTER" as const,
    bio: `${firstName(name)} has looked after neighbours' pets for ${i + 3} years.`,
  })),
  ...tenantNames.map((name, i) => ({
    id: id("tenant", i + 1),
    email: `tenant${i + 1}@burrow.test`,
    name,
    screenname: firstName(name).toLowerCase(),
    role: "TENANT" as const,
    bio: "Pet owner.",
  })),
  {
    id: id("admin", 1),
    email: "admin@burrow.test",
    name: "Burrow Admin",
    screenname: "admin",
    role: "ADMIN",
    bio: "Keeps Burrow tidy.",
  },
];

const cities = [
  { city: "Berlin", timeZone: "Europe/Berlin", currency: "EUR" },
  { city: "Lisbon", timeZone: "Europe/Lisbon", currency: "EUR" },
  { city: "New York", timeZone: "America/New_York", currency: "USD" },
  { city: "Tokyo", timeZone: "Asia/Tokyo", currency: "JPY" },
  { city: "Sydney", timeZone: "Australia/Sydney", currency: "AUD" },
] as const;

const kinds: { title: string; species: Species[]; maxPets: number }[] = [
  { title: "Cosy flat with a garden for dogs", species: ["DOG"], maxPets: 2 },
  { title: "Quiet home for cats and small pets", species: ["CAT", "RABBIT", "RODENT"], maxPets: 3 },
  { title: "Big backyard, long walks daily", species: ["DOG", "CAT"], maxPets: 4 },
  { title: "Bird and reptile specialist", species: ["BIRD", "REPTILE", "FISH"], maxPets: 5 },
];

export const SEED_LISTINGS = Array.from({ length: 20 }, (_, i) => {
  const place = cities[i % cities.length] as (typeof cities)[number];
  const kind = kinds[i % kinds.length] as (typeof kinds)[number];
  const base = place.currency === "JPY" ? 4000 : 2500;
  return {
    id: id("listing", i + 1),
    sitterId: id("sitter", (i % sitterNames.length) + 1),
    title: `${kind.title} in ${place.city}`,
    description: `${kind.title}. Daily photo updates, feeding on your schedule, and a calm home in ${place.city}.`,
    city: place.city,
    timeZone: place.timeZone,
    nightlyPriceMinor: base + ((i * 750) % 4000),
    currency: place.currency,
    species: kind.species,
    maxPets: kind.maxPets,
    status: i === 19 ? ("PAUSED" as const) : ("ACTIVE" as const),
    cancellationPolicy: CANCELLATION_POLICIES[i % CANCELLATION_POLICIES.length] as CancellationPolicy,
    // Every fourth sitter takes stays on weekdays only.
    weekdays: i % 4 === 3 ? weekdaysToMask([1, 2, 3, 4, 5]) : ALL_WEEKDAYS,
    createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
  };
});

export const SEED_BLOCKS = [
  { listing: 1, start: "2027-04-01", end: "2027-04-08", reason: "Family holiday" },
  { listing: 2, start: "2027-05-01", end: "2027-05-03", reason: null },
  { listing: 6, start: "2027-06-10", end: "2027-06-20", reason: "Moving house" },
].map((b, i) => {
  const listing = SEED_LISTINGS[b.listing - 1] as (typeof SEED_LISTINGS)[number];
  return {
    id: id("block", i + 1),
    listingId: listing.id,
    startDate: dateColumn(b.start),
    endDate: dateColumn(b.end),
    reason: b.reason,
    createdAt: new Date(Date.UTC(2026, 1, 1 + i)),
  };
});

const stays: { listing: number; tenant: number; start: string; end: string; status: BookingStatus; pets: number }[] = [
  { listing: 1, tenant: 1, start: "2027-03-01", end: "2027-03-05", status: "ACCEPTED", pets: 1 },
  { listing: 1, tenant: 2, start: "2027-03-03", end: "2027-03-06", status: "REQUESTED", pets: 2 },
  { listing: 2, tenant: 3, start: "2027-04-10", end: "2027-04-12", status: "REQUESTED", pets: 1 },
  { listing: 3, tenant: 4, start: "2026-06-01", end: "2026-06-08", status: "COMPLETED", pets: 2 },
  { listing: 6, tenant: 1, start: "2027-05-20", end: "2027-05-27", status: "ACCEPTED", pets: 1 },
  { listing: 8, tenant: 2, start: "2026-09-01", end: "2026-09-03", status: "DECLINED", pets: 1 },
];

const DAY_MS = 86_400_000;

/**
 * Fixed bookings: requested 30 days before the stay, decided a day later. seedPostgres makes the
 * REQUESTED ones at seeding time instead, so the demo inbox has live requests for 72 hours.
 */
export const SEED_BOOKINGS = stays.map((s, i) => {
  const listing = SEED_LISTINGS[s.listing - 1] as (typeof SEED_LISTINGS)[number];
  const createdAt = new Date(startOfDayIn(s.start, listing.timeZone).getTime() - 30 * DAY_MS);
  const decided = ["ACCEPTED", "DECLINED", "COMPLETED"].includes(s.status);
  return {
    id: id("booking", i + 1),
    listingId: listing.id,
    ownerId: id("tenant", s.tenant),
    startDate: new Date(`${s.start}T00:00:00Z`),
    endDate: new Date(`${s.end}T00:00:00Z`),
    status: s.status,
    pets: s.pets,
    nightlyPriceMinor: listing.nightlyPriceMinor,
    totalPriceMinor: listing.nightlyPriceMinor * nightsBetween(s.start, s.end),
    currency: listing.currency,
    cancellationPolicy: listing.cancellationPolicy,
    createdAt,
    expiresAt: expiryFor(createdAt, s.start, listing.timeZone),
    decidedAt: decided ? new Date(createdAt.getTime() + DAY_MS) : null,
  };
});

export function assertNotProduction(nodeEnv = parseToolEnv().NODE_ENV) {
  if (nodeEnv === "production") throw new Error("Refusing to seed or clean with NODE_ENV=production");
}

/**
 * Upserts the demo users, listings and blocks and creates the demo bookings that are missing;
 * returns how many of each exist afterwards. Existing bookings are left alone: their status may
 * have moved on (accepted, expired, ...) and the state machine never moves it back.
 */
export async function seedPostgres(db: Db, now = new Date()) {
  assertNotProduction();
  await db.$transaction(async (tx) => {
    for (const { bio: _bio, ...user } of SEED_USERS) {
      await tx.user.upsert({
        where: { id: user.id },
        create: { ...user, emailVerified: new Date(Date.UTC(2026, 0, 1)) },
        update: user,
      });
    }
    for (const listing of SEED_LISTINGS) {
      await tx.listing.upsert({ where: { id: listing.id }, create: listing, update: listing });
    }
    for (const block of SEED_BLOCKS) {
      await tx.availabilityBlock.upsert({ where: { id: block.id }, create: block, update: block });
    }
    for (const booking of SEED_BOOKINGS) {
      const { timeZone } = SEED_LISTINGS.find((l) => l.id === booking.listingId) as (typeof SEED_LISTINGS)[number];
      const live =
        booking.status === "REQUESTED"
          ? { createdAt: now, expiresAt: expiryFor(now, isoDateOf(booking.startDate), timeZone) }
          : {};
      await tx.booking.upsert({ where: { id: booking.id }, create: { ...booking, ...live }, update: {} });
    }
  });
  return {
    users: SEED_USERS.length,
    listings: SEED_LISTINGS.length,
    blocks: SEED_BLOCKS.length,
    bookings: SEED_BOOKINGS.length,
  };
}
