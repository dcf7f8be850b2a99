import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { createPrismaClient } from "../client";
import { listingPageRepository } from "./listing-page";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 2);
const sql = new pg.Client({ connectionString: url });
const pages = listingPageRepository(db);

// 2027-03-01 09:00 in Berlin (a Monday).
const NOW = new Date("2027-03-01T08:00:00Z");
const SITTER = "cm0sitter000000000000001";
const TENANT = "cm0tenant000000000000001";
const OTHER = "cm0tenant000000000000002";

beforeAll(async () => {
  await sql.connect();
  await cleanPostgres(sql);
  await sql.query(
    `INSERT INTO identity.users (id, email, name, screenname, role, updated_at) VALUES
       ($1, 'sitter@page.test', 'Sam Sitter', 'sam', 'SITTER', now()),
       ($2, 'tenant@page.test', 'Tia Tenant', NULL, 'TENANT', now()),
       ($3, 'other@page.test', 'Oli Other', NULL, 'TENANT', now())`,
    [SITTER, TENANT, OTHER],
  );
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
});

let n = 0;
async function listing(fields: { status?: string; hidden?: boolean; weekdays?: number } = {}) {
  const id = `cm0listing${String(++n).padStart(14, "0")}`;
  await sql.query(
    `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
       species, max_pets, status, hidden_at, weekdays, updated_at)
     VALUES ($1, $2, 'Garden flat', 'Long walks', 'Berlin', 'Europe/Berlin', 4500, 'EUR', '{DOG,CAT}', 2,
             $3::"pets"."ListingStatus", $4, $5, now())`,
    [id, SITTER, fields.status ?? "ACTIVE", fields.hidden ? NOW : null, fields.weekdays ?? 127],
  );
  return id;
}
async function stay(listingId: string, start: string, end: string, status: string) {
  const id = `cm0stay${String(++n).padStart(17, "0")}`;
  await sql.query(
    `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
       total_price_minor, currency, cancellation_policy, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::"pets"."BookingStatus", 1, 4500, 4500, 'EUR', 'MODERATE', now(), now())`,
    [id, listingId, TENANT, start, end, status],
  );
  return id;
}
async function review(bookingId: string, author: string, subject: string, rating: number, published: boolean) {
  await sql.query(
    `INSERT INTO pets.reviews (id, booking_id, author_id, subject_id, rating, text, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      `cm0review${String(++n).padStart(15, "0")}`,
      bookingId,
      author,
      subject,
      rating,
      `${rating} stars`,
      published ? NOW : null,
    ],
  );
}

describe("listingPageRepository.find", () => {
  it("is null for paused, archived, hidden, unknown and malformed listings", async () => {
    for (const fields of [{ status: "PAUSED" }, { status: "ARCHIVED" }, { hidden: true }]) {
      expect(await pages.find(await listing(fields), NOW)).toBeNull();
    }
    expect(await pages.find("cm0listing99999999999999", NOW)).toBeNull();
    expect(await pages.find("'; DROP TABLE pets.listings; --", NOW)).toBeNull();
  });

  it("shows the listing, its sitter and a calendar where only accepted stays, blocks and off days are taken", async () => {
    const id = await listing({ weekdays: 0b001_1111 }); // Monday to Friday
    await stay(id, "2027-03-02", "2027-03-04", "ACCEPTED");
    await stay(id, "2027-03-09", "2027-03-11", "REQUESTED");
    await sql.query(
      `INSERT INTO pets.availability_blocks (id, listing_id, start_date, end_date, reason)
       VALUES ('cm0block00000000000000001', $1, '2027-03-04', '2027-03-05', 'private reason')`,
      [id],
    );
    const page = await pages.find(id, NOW);
    expect(page?.listing).toMatchObject({
      id,
      title: "Garden flat",
      city: "Berlin",
      nightlyPriceMinor: 4500,
      species: ["DOG", "CAT"],
      weekdays: [1, 2, 3, 4, 5],
      rating: { average: null, count: 0 },
      sitter: { id: SITTER, name: "Sam Sitter", screenname: "sam" },
      sitterCancellations: 0,
    });
    expect(page?.calendar.slice(0, 10)).toEqual([
      { date: "2027-03-01", free: true },
      { date: "2027-03-02", free: false }, // accepted
      { date: "2027-03-03", free: false },
      { date: "2027-03-04", free: false }, // blocked
      { date: "2027-03-05", free: true },
      { date: "2027-03-06", free: false }, // Saturday: not in the plan
      { date: "2027-03-07", free: false },
      { date: "2027-03-08", free: true },
      { date: "2027-03-09", free: true }, // a request does not take the night
      { date: "2027-03-10", free: true },
    ]);
    expect(page?.calendar.at(-1)?.date).toBe("2027-08-31");
  });

  it("lists the uploaded photos in order, cover first; none leaves the legacy photo URLs", async () => {
    const id = await listing();
    const bare = await listing();
    await sql.query(
      `INSERT INTO pets.listing_photos (id, listing_id, key, alt, position, width, height, placeholder)
       SELECT 'cm0photo' || p, $1, 'img/listing/' || $1 || '/' || repeat(p::text, 32), 'Photo ' || p, p, 640, 480,
              'data:image/webp;base64,AA'
         FROM unnest('{2,0,1}'::int[]) p`,
      [id],
    );
    const page = await pages.find(id, NOW);
    expect(page?.listing.photos.map((p) => [p.position, p.alt, p.key])).toEqual([
      [0, "Photo 0", `img/listing/${id}/${"0".repeat(32)}`],
      [1, "Photo 1", `img/listing/${id}/${"1".repeat(32)}`],
      [2, "Photo 2", `img/listing/${id}/${"2".repeat(32)}`],
    ]);
    expect((await pages.find(bare, NOW))?.listing).toMatchObject({ photos: [], photoUrls: [] });
  });

  it("lists only published reviews of the sitter for stays of this listing, newest first", async () => {
    const id = await listing();
    const elsewhere = await listing();
    await sql.query("UPDATE pets.listings SET rating_count = 1, rating_avg = 4 WHERE id = $1", [id]);
    const done = await stay(id, "2027-01-02", "2027-01-05", "COMPLETED");
    const other = await stay(elsewhere, "2027-01-02", "2027-01-05", "COMPLETED");
    await review(done, TENANT, SITTER, 4, true);
    await review(done, SITTER, TENANT, 2, true); // the sitter's review of the tenant
    await review(other, TENANT, SITTER, 1, true); // another listing
    const hidden = await stay(id, "2027-01-10", "2027-01-12", "COMPLETED");
    await review(hidden, OTHER, SITTER, 5, false); // still double-blind
    const page = await pages.find(id, NOW);
    expect(page?.listing.rating).toEqual({ average: 4, count: 1 });
    expect(page?.reviews).toEqual([
      { id: expect.any(String), rating: 4, text: "4 stars", authorName: "Tia Tenant", publishedAt: NOW },
    ]);
  });

  it("counts the stays the sitter cancelled in the 12 months before now, on any listing, not the tenants' cancels", async () => {
    const [id, other] = [await listing(), await listing({ status: "PAUSED" })];
    const cancel = (bookingId: string, by: string, at: string, reason: string | null) =>
      sql.query(
        "UPDATE pets.bookings SET status = 'CANCELLED', cancelled_by = $2, cancelled_at = $3, cancel_reason = $4 WHERE id = $1",
        [bookingId, by, at, reason],
      );
    await cancel(await stay(id, "2027-04-01", "2027-04-02", "ACCEPTED"), SITTER, "2027-02-01T00:00:00Z", "Ill.");
    await cancel(await stay(other, "2027-04-01", "2027-04-02", "ACCEPTED"), SITTER, "2026-06-01T00:00:00Z", "Away.");
    await cancel(await stay(id, "2027-04-03", "2027-04-04", "ACCEPTED"), SITTER, "2026-02-28T00:00:00Z", "Too old.");
    await cancel(await stay(id, "2027-04-05", "2027-04-06", "ACCEPTED"), TENANT, "2027-02-01T00:00:00Z", null);
    expect((await pages.find(id, NOW))?.listing.sitterCancellations).toBe(2);
  });
});
