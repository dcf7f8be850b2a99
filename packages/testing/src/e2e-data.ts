// Rows for the Playwright fixtures (e2e/fixtures.ts), written with plain pg: Playwright cannot load
// @burrow/db, which is server-only (its types only, erased at run time). Every call makes new rows with a random tag in their e-mail,
// screenname, id and city, so tests in parallel workers never share data and nothing is cleaned up.
import { randomBytes } from "node:crypto";
import type { BookingStatus, Listing, Role } from "@burrow/db";
import type pg from "pg";

export type { BookingStatus, Role };

export interface E2eUser {
  id: string;
  email: string;
  name: string;
  screenname: string;
  role: Role;
}

export type E2eListing = Pick<
  Listing,
  | "id"
  | "sitterId"
  | "title"
  | "city" // unique to the listing, so a search by it finds this listing only
  | "timeZone"
  | "nightlyPriceMinor"
  | "currency"
  | "species"
  | "maxPets"
  | "cancellationPolicy"
  | "status"
>;

export interface E2eBooking {
  id: string;
  listingId: string;
  ownerId: string;
  start: string;
  end: string;
  status: BookingStatus;
}

type Sql = Pick<pg.Pool, "query">;

const tag = () => randomBytes(5).toString("hex");
/** cuid-shaped (the apps' id schemas accept only those). */
const cuid = () => `ce2e${randomBytes(10).toString("hex")}`;
const nights = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 86_400_000;

export function e2eData(sql: Sql) {
  return {
    /** A user with a unique e-mail and screenname, e-mail verified as after a first sign-in. */
    async user(role: Role = "TENANT", prefix = role.toLowerCase()): Promise<E2eUser> {
      const t = tag();
      const user = {
        id: cuid(),
        email: `${prefix}-${t}@burrow.test`,
        name: `${prefix[0]?.toUpperCase()}${prefix.slice(1)} ${t}`,
        screenname: `${prefix.replace(/[^a-z0-9]/g, "_")}_${t}`,
        role,
      };
      await sql.query(
        `INSERT INTO identity.users (id, email, name, screenname, role, email_verified, updated_at)
         VALUES ($1, $2, $3, $4, $5, now(), now())`,
        [user.id, user.email, user.name, user.screenname, user.role],
      );
      return user;
    },

    /** A listing open every weekday (the weekly plan's default), in a city of its own. */
    async listing(sitterId: string, overrides: Partial<Omit<E2eListing, "id" | "sitterId">> = {}): Promise<E2eListing> {
      const t = tag();
      const listing: E2eListing = {
        id: cuid(),
        sitterId,
        title: `Garden flat for dogs ${t}`,
        city: `Fixtureton ${t}`,
        timeZone: "Europe/Berlin",
        nightlyPriceMinor: 4_550,
        currency: "EUR",
        species: ["DOG", "CAT"],
        maxPets: 2,
        cancellationPolicy: "FLEXIBLE",
        status: "ACTIVE",
        ...overrides,
      };
      await sql.query(
        `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
                                    species, max_pets, cancellation_policy, status, updated_at)
         VALUES ($1, $2, $3, 'A garden, two walks a day and a calm home.', $4, $5, $6, $7, $8::pets."Species"[], $9,
                 $10::pets."CancellationPolicy", $11::pets."ListingStatus", now())`,
        [
          listing.id,
          sitterId,
          listing.title,
          listing.city,
          listing.timeZone,
          listing.nightlyPriceMinor,
          listing.currency,
          listing.species,
          listing.maxPets,
          listing.cancellationPolicy,
          listing.status,
        ],
      );
      return listing;
    },

    /**
     * A booking in any state, as pets would have left it (a past stay cannot be requested, so a
     * COMPLETED one can only be written). Writes no outbox event: web is told nothing.
     */
    async booking(
      listing: Pick<E2eListing, "id" | "nightlyPriceMinor" | "currency" | "cancellationPolicy">,
      ownerId: string,
      stay: { start: string; end: string; status: BookingStatus; pets?: number },
    ): Promise<E2eBooking> {
      const booking = {
        id: cuid(),
        listingId: listing.id,
        ownerId,
        start: stay.start,
        end: stay.end,
        status: stay.status,
      };
      await sql.query(
        `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
                                    total_price_minor, currency, cancellation_policy, expires_at, decided_at, updated_at)
         VALUES ($1, $2, $3, $4::date, $5::date, $6::pets."BookingStatus", $7, $8, $9, $10,
                 $11::pets."CancellationPolicy", now() + interval '72 hours', ${stay.status === "REQUESTED" ? "NULL" : "now()"}, now())`,
        [
          booking.id,
          listing.id,
          ownerId,
          stay.start,
          stay.end,
          stay.status,
          stay.pets ?? 1,
          listing.nightlyPriceMinor,
          listing.nightlyPriceMinor * nights(stay.start, stay.end),
          listing.currency,
          listing.cancellationPolicy,
        ],
      );
      return booking;
    },

    /** A published review of a stay; the listing's rating counts the tenant's reviews, as pets keeps it. */
    async review(booking: E2eBooking, authorId: string, subjectId: string, rating: number, text: string) {
      await sql.query(
        `INSERT INTO pets.reviews (id, booking_id, author_id, subject_id, rating, text, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [cuid(), booking.id, authorId, subjectId, rating, text],
      );
      await sql.query(
        `UPDATE pets.listings l
            SET rating_count = s.n, rating_avg = s.average
           FROM (SELECT count(*)::int AS n, round(avg(r.rating), 2) AS average
                   FROM pets.reviews r JOIN pets.bookings b ON b.id = r.booking_id
                  WHERE b.listing_id = $1 AND r.author_id = b.owner_id AND r.published_at IS NOT NULL) s
          WHERE l.id = $1`,
        [booking.listingId],
      );
    },

    /** A database session, as the magic-link flow leaves it: the cookie value that signs `userId` in. */
    async session(userId: string): Promise<string> {
      const token = randomBytes(32).toString("hex");
      await sql.query(
        `INSERT INTO identity.sessions (session_token, user_id, expires, updated_at)
         VALUES ($1, $2, now() + interval '1 hour', now())`,
        [token, userId],
      );
      return token;
    },
  };
}

export type E2eData = ReturnType<typeof e2eData>;
