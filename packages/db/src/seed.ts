// Demo data: fixed ids, dates relative to the day of seeding, upserted, so re-running changes nothing.
import {
  ALL_WEEKDAYS,
  addDays,
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
import { reviewRepository } from "./reviews/repository";

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

const listings = Array.from({ length: 20 }, (_, i) => {
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
  };
});
type SeedListing = (typeof listings)[number];
const listing = (n: number) => listings[n - 1] as SeedListing;

// Dates are days from the day of seeding, so stays ahead are always ahead and past stays past.
const blocks = [
  { listing: 1, from: 116, to: 123, reason: "Family holiday" },
  { listing: 2, from: 146, to: 148, reason: null },
  { listing: 6, from: 186, to: 196, reason: "Moving house" },
];

const stays: { listing: number; tenant: number; from: number; to: number; status: BookingStatus; pets: number }[] = [
  { listing: 1, tenant: 1, from: 85, to: 89, status: "ACCEPTED", pets: 1 },
  { listing: 1, tenant: 2, from: 87, to: 90, status: "REQUESTED", pets: 2 },
  { listing: 2, tenant: 3, from: 125, to: 127, status: "REQUESTED", pets: 1 },
  { listing: 3, tenant: 4, from: -188, to: -181, status: "COMPLETED", pets: 2 },
  { listing: 6, tenant: 1, from: 165, to: 172, status: "ACCEPTED", pets: 1 },
  { listing: 8, tenant: 2, from: -96, to: -94, status: "DECLINED", pets: 1 },
  { listing: 1, tenant: 3, from: -40, to: -36, status: "COMPLETED", pets: 1 },
];

/** Reviews of the completed stays (index into `stays`), written two days after the stay ended. */
const reviews: { stay: number; by: "tenant" | "sitter"; rating: number; text: string }[] = [
  { stay: 3, by: "tenant", rating: 4, text: "Came home to two happy, well-walked dogs." },
  { stay: 6, by: "tenant", rating: 5, text: "Daily photos and a very relaxed dog. We will be back." },
  { stay: 6, by: "sitter", rating: 5, text: "A lovely dog and clear instructions." },
];

const DAY_MS = 86_400_000;

/**
 * The demo listings, availability blocks, bookings and reviews for a seed run at `now`: fixed ids,
 * dates counted in days from `now`'s UTC date. Bookings are requested 30 days before the stay (or
 * two days ago, for stays sooner than that) and decided a day later; REQUESTED ones are made at
 * `now`, so the demo inbox has live requests for 72 hours.
 */
export function seedData(now = new Date()) {
  const today = isoDateOf(now);
  const day = (offset: number) => addDays(today, offset);
  const bookings = stays.map((s, i) => {
    const { id: listingId, timeZone, nightlyPriceMinor, currency, cancellationPolicy } = listing(s.listing);
    const [start, end] = [day(s.from), day(s.to)];
    const requested = new Date(
      Math.min(startOfDayIn(start, timeZone).getTime() - 30 * DAY_MS, now.getTime() - 2 * DAY_MS),
    );
    const createdAt = s.status === "REQUESTED" ? now : requested;
    return {
      id: id("booking", i + 1),
      listingId,
      ownerId: id("tenant", s.tenant),
      startDate: dateColumn(start),
      endDate: dateColumn(end),
      status: s.status,
      pets: s.pets,
      nightlyPriceMinor,
      totalPriceMinor: nightlyPriceMinor * nightsBetween(start, end),
      currency,
      cancellationPolicy,
      createdAt,
      expiresAt: expiryFor(createdAt, start, timeZone),
      decidedAt: s.status === "REQUESTED" ? null : new Date(createdAt.getTime() + DAY_MS),
    };
  });
  return {
    listings: listings.map((l, i) => ({ ...l, createdAt: new Date(now.getTime() - (60 - i) * DAY_MS) })),
    blocks: blocks.map((b, i) => ({
      id: id("block", i + 1),
      listingId: listing(b.listing).id,
      startDate: dateColumn(day(b.from)),
      endDate: dateColumn(day(b.to)),
      reason: b.reason,
      createdAt: new Date(now.getTime() - (30 - i) * DAY_MS),
    })),
    bookings,
    reviews: reviews.map((r, i) => {
      const stay = stays[r.stay] as (typeof stays)[number];
      const [tenantId, sitterId] = [id("tenant", stay.tenant), listing(stay.listing).sitterId];
      return {
        id: id("review", i + 1),
        bookingId: id("booking", r.stay + 1),
        authorId: r.by === "tenant" ? tenantId : sitterId,
        subjectId: r.by === "tenant" ? sitterId : tenantId,
        rating: r.rating,
        text: r.text,
        createdAt: startOfDayIn(day(stay.to + 2), listing(stay.listing).timeZone),
      };
    }),
  };
}

export function assertNotProduction(nodeEnv = parseToolEnv().NODE_ENV) {
  if (nodeEnv === "production") throw new Error("Refusing to create, seed or clean with NODE_ENV=production");
}

/**
 * Upserts the demo users and listings and creates the dated rows that are missing (blocks, bookings,
 * reviews, with dates relative to `now`); then publishes the reviews whose window has closed, as the
 * sweeper would. Existing dated rows are left alone: a booking's status may have moved on (accepted,
 * expired, ...) and the state machine never moves it back. Returns how many of each exist afterwards.
 */
export async function seedPostgres(db: Db, now = new Date()) {
  assertNotProduction();
  const data = seedData(now);
  await db.$transaction(
    async (tx) => {
      for (const { bio: _bio, ...user } of SEED_USERS) {
        await tx.user.upsert({
          where: { id: user.id },
          create: { ...user, emailVerified: new Date(now.getTime() - 90 * DAY_MS) },
          update: user,
        });
      }
      for (const { createdAt, ...listing } of data.listings) {
        await tx.listing.upsert({ where: { id: listing.id }, create: { ...listing, createdAt }, update: listing });
      }
      for (const block of data.blocks) {
        await tx.availabilityBlock.upsert({ where: { id: block.id }, create: block, update: {} });
      }
      for (const booking of data.bookings) {
        await tx.booking.upsert({ where: { id: booking.id }, create: booking, update: {} });
      }
      for (const review of data.reviews) {
        await tx.review.upsert({ where: { id: review.id }, create: review, update: {} });
      }
    },
    // Prisma's default 5 s is too short for these upserts on a busy machine (pnpm dev on a shared box).
    { timeout: 60_000 },
  );
  await reviewRepository(db).publishDue(now);
  return {
    users: SEED_USERS.length,
    listings: data.listings.length,
    blocks: data.blocks.length,
    bookings: data.bookings.length,
    reviews: data.reviews.length,
  };
}
