// Search correctness against a brute-force oracle: on random listings (priced in currencies with 0, 2
// and 3 minor digits), stays, blocks and weekly plans in real PostgreSQL, the indexed query returns
// exactly what a naive night-by-night filter over every row returns, in the same order for each sort,
// and its pages concatenate to that list. Each search runs four ways: as the app sends it (named
// prepared statements, plan_cache_mode auto), sent unnamed (DATABASE_UNNAMED_STATEMENTS, planned on every
// call), prepared on connections that always run the generic plan (force_generic_plan), and with a walk
// (listingWalkQuery, for every search walksCity admits: a city, a price range, by rating or newest) of
// three listings, which falls back to the full statement whenever three listings do not fill the page,
// mid-walk and on later pages too.

import { testDatabase } from "@burrow/testing/database";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { createPrismaClient, poolOf } from "../client";
import { encodeCursor, type ListingSearch, SEARCH_SORTS, SearchParams, type SearchParamsInput } from "./query";
import { type ListingHit, searchRepository } from "./repository";

const { db, sql, url } = testDatabase(4);
const repo = searchRepository(db);
const unnamedDb = createPrismaClient(url, 2, true);
const genericUrl = new URL(url);
genericUrl.searchParams.set("options", "-c plan_cache_mode=force_generic_plan");
const genericDb = createPrismaClient(genericUrl.toString(), 2);
/** The three ways a search reaches PostgreSQL (see the header). */
const paths = {
  prepared: repo,
  unnamed: searchRepository(unnamedDb),
  generic: searchRepository(genericDb),
  "walk of 3": searchRepository(db, { walkRows: 3, walks: { walks: () => true } }),
};
afterAll(async () => {
  await unnamedDb.$disconnect();
  await genericDb.$disconnect();
});

// ── random world ────────────────────────────────────────────────────────────────────────────────
const CITIES = ["Berlin", "berlin", "Lisbon", "New York"];
// Words with LIKE metacharacters and mixed case: the pattern must treat them literally.
const WORDS = ["garden", "Cosy", "cats", "100%", "dog_walks", "back\\slash", "quiet", "River"];
const SPECIES = ["DOG", "CAT", "BIRD", "RABBIT"] as const;
const STATUSES = ["REQUESTED", "ACCEPTED", "DECLINED", "EXPIRED", "CANCELLED", "COMPLETED"] as const;
const DAY0 = Date.UTC(2027, 2, 1); // 2027-03-01, a Monday
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
// Two, zero and three minor digits.
const CURRENCIES = ["EUR", "EUR", "USD", "JPY", "KWD"] as const;

/** Digits after the decimal point, as the apps store and show prices (@burrow/ui's formatMinorUnits). */
const minorDigits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

interface World {
  listings: {
    id: string;
    city: string;
    title: string;
    description: string;
    price: number;
    currency: string;
    species: string[];
    maxPets: number;
    status: "ACTIVE" | "PAUSED" | "ARCHIVED";
    hidden: boolean;
    weekdays: number;
    rating: { count: number; avg: number | null };
    createdAt: string;
  }[];
  stays: { listing: number; start: number; nights: number; status: (typeof STATUSES)[number] }[];
  blocks: { listing: number; start: number; nights: number }[];
}

const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
// Few distinct prices (in whole units, plus nothing, the smallest minor unit or a half), ratings and
// instants, so ties (also across currencies) exercise the id tie-break and bounds hit prices exactly.
const priceArb = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    units: fc.constantFrom(0, 25, 45, 45, 60, 99, 150),
    fraction: fc.constantFrom("none", "none", "smallest", "half"),
  })
  .map(({ currency, units, fraction }) => {
    const perUnit = 10 ** minorDigits(currency);
    const extra = { none: 0, smallest: perUnit > 1 ? 1 : 0, half: Math.floor(perUnit / 2) }[fraction];
    return { currency, price: units * perUnit + extra };
  });
const listingArb = fc.record({
  city: fc.constantFrom(...CITIES),
  title: text,
  description: text,
  money: priceArb,
  species: fc.uniqueArray(fc.constantFrom(...SPECIES), { minLength: 1, maxLength: 3 }),
  maxPets: fc.integer({ min: 1, max: 5 }),
  status: fc.constantFrom("ACTIVE", "ACTIVE", "ACTIVE", "PAUSED", "ARCHIVED") as fc.Arbitrary<
    "ACTIVE" | "PAUSED" | "ARCHIVED"
  >,
  hidden: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  weekdays: fc.oneof(fc.constant(127), fc.integer({ min: 0, max: 127 })),
  rating: fc.oneof(
    fc.constant({ count: 0, avg: null }),
    fc.record({ count: fc.integer({ min: 1, max: 3 }), avg: fc.constantFrom(1, 3.5, 4.25, 4.25, 5) }),
  ),
  createdAt: fc.constantFrom("2027-01-01T10:00:00.000Z", "2027-01-02T10:00:00.000Z", "2027-01-02T10:00:00.123Z"),
});

const worldArb: fc.Arbitrary<World> = fc
  .array(listingArb, { minLength: 1, maxLength: 30 })
  .chain((listings) =>
    fc.record({
      listings: fc.constant(
        listings.map(({ money, ...l }, i) => ({ ...l, ...money, id: `csearch${String(i).padStart(6, "0")}` })),
      ),
      stays: fc.array(
        fc.record({
          listing: fc.nat(listings.length - 1),
          start: fc.integer({ min: 0, max: 24 }),
          nights: fc.integer({ min: 1, max: 8 }),
          status: fc.constantFrom(...STATUSES),
        }),
        { maxLength: 60 },
      ),
      blocks: fc.array(
        fc.record({
          listing: fc.nat(listings.length - 1),
          start: fc.integer({ min: 0, max: 24 }),
          nights: fc.integer({ min: 1, max: 6 }),
        }),
        { maxLength: 16 },
      ),
    }),
  )
  // Accepted/completed stays of one listing never overlap (the exclusion constraint): keep the first.
  .map((world) => {
    const taken: World["stays"] = [];
    const stays = world.stays.filter((s) => {
      if (s.status !== "ACCEPTED" && s.status !== "COMPLETED") return true;
      const clash = taken.some(
        (t) => t.listing === s.listing && t.start < s.start + s.nights && s.start < t.start + t.nights,
      );
      if (!clash) taken.push(s);
      return !clash;
    });
    return { ...world, stays };
  });

// Each filter is present a third of the time, so most searches match several listings.
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });
const searchArb: fc.Arbitrary<SearchParamsInput> = fc
  .record({
    city: maybe(fc.constantFrom("Berlin", "BERLIN", "lisbon", "New York", "Nowhere")),
    stay: maybe(fc.record({ start: fc.integer({ min: 0, max: 28 }), nights: fc.integer({ min: 1, max: 8 }) })),
    pets: maybe(fc.integer({ min: 1, max: 5 })),
    species: maybe(fc.uniqueArray(fc.constantFrom(...SPECIES), { minLength: 1, maxLength: 2 })),
    minPrice: maybe(fc.integer({ min: 0, max: 60 })),
    maxPrice: maybe(fc.integer({ min: 60, max: 200 })),
    q: maybe(fc.constantFrom("garden", "GARDEN", "cat", "100%", "%", "_", "g_rden", "dog_w", "\\", "k\\s", "rive")),
    sort: fc.constantFrom(...SEARCH_SORTS),
  })
  // Query strings as a browser sends them: strings, absent keys left out.
  .map(({ stay, pets, minPrice, maxPrice, ...rest }) => ({
    ...rest,
    ...(stay ? { start: day(stay.start), end: day(stay.start + stay.nights) } : {}),
    ...(pets === undefined ? {} : { pets: String(pets) }),
    ...(minPrice === undefined ? {} : { minPrice: String(minPrice) }),
    ...(maxPrice === undefined ? {} : { maxPrice: String(maxPrice) }),
  }));

async function load(world: World): Promise<void> {
  await cleanPostgres(sql);
  await sql.query(
    `INSERT INTO identity.users (id, email, name, role, updated_at) VALUES
       ('csitter0000001', 'sitter@search.test', 'Sitter', 'SITTER', now()),
       ('ctenant0000001', 'tenant@search.test', 'Tenant', 'TENANT', now())`,
  );
  await sql.query(
    `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
       species, max_pets, status, hidden_at, weekdays, rating_count, rating_avg, created_at, updated_at)
     SELECT x.id, 'csitter0000001', x.title, x.description, x.city, 'Europe/Berlin', x.price, x.currency,
            x.species::"pets"."Species"[], x."maxPets", x.status::"pets"."ListingStatus",
            CASE WHEN x.hidden THEN now() END, x.weekdays, (x.rating->>'count')::int,
            (x.rating->>'avg')::numeric, x."createdAt"::timestamptz, now()
       FROM json_to_recordset($1) AS x(id text, title text, description text, city text,
            price int, currency text, species text[], "maxPets" int, status text, hidden boolean, weekdays int, rating jsonb,
            "createdAt" text)`,
    [JSON.stringify(world.listings)],
  );
  const id = (i: number) => world.listings[i]?.id;
  await sql.query(
    `INSERT INTO pets.bookings (id, listing_id, owner_id, start_date, end_date, status, pets, nightly_price_minor,
       total_price_minor, currency, cancellation_policy, expires_at, updated_at)
     SELECT 'cstay' || lpad(x.n::text, 8, '0'), x.listing, 'ctenant0000001', x.start::date, x."end"::date,
            x.status::"pets"."BookingStatus", 1, 100, 100, 'EUR', 'MODERATE', now(), now()
       FROM json_to_recordset($1) AS x(n int, listing text, start text, "end" text, status text)`,
    [
      JSON.stringify(
        world.stays.map((s, n) => ({
          n,
          listing: id(s.listing),
          start: day(s.start),
          end: day(s.start + s.nights),
          status: s.status,
        })),
      ),
    ],
  );
  await sql.query(
    `INSERT INTO pets.availability_blocks (id, listing_id, start_date, end_date)
     SELECT 'cblock' || lpad(x.n::text, 8, '0'), x.listing, x.start::date, x."end"::date
       FROM json_to_recordset($1) AS x(n int, listing text, start text, "end" text)`,
    [
      JSON.stringify(
        world.blocks.map((b, n) => ({ n, listing: id(b.listing), start: day(b.start), end: day(b.start + b.nights) })),
      ),
    ],
  );
}

// ── the oracle: the rules read literally, one night at a time ─────────────────────────────────────
type WorldListing = World["listings"][number];

/** An active Berlin listing open every day, priced `price` minor units of `currency`. */
const flat = (id: string, price = 1_000, currency = "EUR"): WorldListing => ({
  id,
  city: "Berlin",
  title: "Flat",
  description: "Flat",
  price,
  currency,
  species: ["DOG"],
  maxPets: 1,
  status: "ACTIVE",
  hidden: false,
  weekdays: 127,
  rating: { count: 0, avg: null },
  createdAt: "2027-01-01T10:00:00.000Z",
});

function oracle(world: World, search: ListingSearch): string[] {
  const nights = (start: string, end: string) => {
    const out: string[] = [];
    for (let d = new Date(`${start}T00:00:00Z`); d < new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      out.push(d.toISOString().slice(0, 10));
    }
    return out;
  };
  const isoWeekdayBit = (date: string) => 1 << ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7);
  const within = (night: string, start: number, count: number) => day(start) <= night && night < day(start + count);
  const needle = search.q?.toLowerCase();
  // Exact integers: the price in millionths of a whole unit, and whole-unit bounds likewise.
  const micros = (l: WorldListing) => l.price * 10 ** (6 - minorDigits(l.currency));
  const hits = world.listings.filter((l, i) => {
    if (l.status !== "ACTIVE" || l.hidden) return false;
    if (search.city && l.city.toLowerCase() !== search.city.toLowerCase()) return false;
    if (search.pets !== undefined && l.maxPets < search.pets) return false;
    if (!search.species.every((s) => l.species.includes(s))) return false;
    if (search.minPrice !== undefined && micros(l) < search.minPrice * 1_000_000) return false;
    if (search.maxPrice !== undefined && micros(l) > search.maxPrice * 1_000_000) return false;
    if (needle && !l.title.toLowerCase().includes(needle) && !l.description.toLowerCase().includes(needle)) {
      return false;
    }
    if (search.stay) {
      for (const night of nights(search.stay.start, search.stay.end)) {
        if ((l.weekdays & isoWeekdayBit(night)) === 0) return false;
        if (world.blocks.some((b) => b.listing === i && within(night, b.start, b.nights))) return false;
        const booked = world.stays.some(
          (s) =>
            s.listing === i &&
            (s.status === "ACCEPTED" || s.status === "COMPLETED") &&
            within(night, s.start, s.nights),
        );
        if (booked) return false;
      }
    }
    return true;
  });
  const byId = (a: WorldListing, b: WorldListing) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const order = {
    price: (a: WorldListing, b: WorldListing) => micros(a) - micros(b) || byId(a, b),
    rating: (a: WorldListing, b: WorldListing) =>
      (b.rating.avg ?? 0) - (a.rating.avg ?? 0) || b.rating.count - a.rating.count || byId(b, a),
    newest: (a: WorldListing, b: WorldListing) => b.createdAt.localeCompare(a.createdAt) || byId(b, a),
  }[search.sort];
  return hits.sort(order).map((l) => l.id);
}

async function allPages(search: ListingSearch, limit: number, via = repo): Promise<ListingHit[]> {
  const items: ListingHit[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await via.search({ ...search, cursor }, limit);
    if (!result.ok) throw new Error(result.message);
    items.push(...result.items);
    if (!result.nextCursor) return items;
    expect(result.items).toHaveLength(limit);
    cursor = result.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("searchRepository.search", () => {
  it("runs the generic path on connections that always use the generic plan", async () => {
    const { rows } = await poolOf(genericDb).query<{ plan_cache_mode: string }>("SHOW plan_cache_mode");
    expect(rows[0]?.plan_cache_mode).toBe("force_generic_plan");
  });

  it("prepares searches without a price range and city walks; plans other priced searches per call", async () => {
    const single = createPrismaClient(url, 1);
    try {
      const prepared = async () =>
        (await poolOf(single).query<{ statement: string }>("SELECT statement FROM pg_prepared_statements")).rows.map(
          (p) => p.statement,
        );
      const search = async (input: Record<string, string>) =>
        expect((await searchRepository(single).search(SearchParams.parse(input))).ok).toBe(true);
      await search({ city: "Berlin", sort: "rating" });
      expect(await prepared()).toHaveLength(1);
      await search({ sort: "rating", minPrice: "10", maxPrice: "90" });
      expect(await prepared()).toHaveLength(1);
      expect((await prepared())[0]).not.toContain("price_micros");
      // A city, a price range, sorted by rating: the walk, prepared, as the bounds only filter walked rows.
      await search({ city: "Berlin", sort: "rating", minPrice: "10", maxPrice: "90" });
      const statements = await prepared();
      expect(statements).toHaveLength(2);
      expect(statements.filter((s) => s.includes("price_micros"))).toEqual([expect.stringContaining("row_number()")]);
    } finally {
      await single.$disconnect();
    }
  });

  it("returns exactly the oracle's listings, in order, page by page", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(searchArb, { minLength: 1, maxLength: 8 }), async (world, searches) => {
        await load(world);
        for (const input of searches) {
          const search = SearchParams.parse(input);
          const expected = oracle(world, search);
          for (const [path, via] of Object.entries(paths)) {
            const whole = await via.search(search, 100);
            if (!whole.ok) throw new Error(whole.message);
            expect(
              whole.items.map((h) => h.id),
              path,
            ).toEqual(expected);
            expect(whole.nextCursor, path).toBeNull();
            expect(
              (await allPages(search, 2, via)).map((h) => h.id),
              path,
            ).toEqual(expected);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("treats stays and blocks as half-open: touching the searched range is free, one shared night is not", async () => {
    // Searched: nights 10..14 ([day 10, day 15)).
    await load({
      listings: ["csearch000000", "csearch000001", "csearch000002", "csearch000003", "csearch000004"].map((id) =>
        flat(id),
      ),
      stays: [
        { listing: 0, start: 5, nights: 5, status: "ACCEPTED" }, // ends on check-in: free
        { listing: 0, start: 15, nights: 3, status: "COMPLETED" }, // starts on check-out: free
        { listing: 1, start: 14, nights: 2, status: "ACCEPTED" }, // takes the last night
        { listing: 2, start: 5, nights: 10, status: "REQUESTED" }, // requests do not block
      ],
      blocks: [
        { listing: 3, start: 8, nights: 2 }, // ends on check-in: free
        { listing: 3, start: 15, nights: 1 }, // starts on check-out: free
        { listing: 4, start: 9, nights: 2 }, // takes the first night
      ],
    });
    const result = await repo.search(SearchParams.parse({ start: day(10), end: day(15), sort: "price" }));
    expect(result.ok && result.items.map((h) => h.id)).toEqual(["csearch000000", "csearch000002", "csearch000003"]);
  });

  it("returns the listing's card fields and the sitter's name", async () => {
    await load({
      listings: [
        {
          id: "csearch000001",
          city: "Lisbon",
          title: "Sunny flat",
          description: "Near the river",
          price: 4_550,
          currency: "EUR",
          species: ["CAT", "DOG"],
          maxPets: 2,
          status: "ACTIVE",
          hidden: false,
          weekdays: 127,
          rating: { count: 2, avg: 4.5 },
          createdAt: "2027-01-01T10:00:00.000Z",
        },
      ],
      stays: [],
      blocks: [],
    });
    const result = await repo.search(SearchParams.parse({ city: "lisbon" }));
    expect(result).toEqual({
      ok: true,
      nextCursor: null,
      items: [
        {
          id: "csearch000001",
          title: "Sunny flat",
          city: "Lisbon",
          nightlyPriceMinor: 4_550,
          currency: "EUR",
          maxPets: 2,
          species: ["CAT", "DOG"],
          cover: null,
          photoUrl: null,
          ratingAvg: 4.5,
          ratingCount: 2,
          sitterName: "Sitter",
          createdAt: new Date("2027-01-01T10:00:00.000Z"),
        },
      ],
    });
  });

  it("returns the uploaded cover (position 0) with the legacy photo_urls[1] beside it, in the same statement", async () => {
    await load({
      listings: ["csearch000001", "csearch000002", "csearch000003"].map((id) => flat(id)),
      stays: [],
      blocks: [],
    });
    await sql.query(
      `UPDATE pets.listings SET photo_urls = ARRAY['https://photos.example/' || id || '/a.jpg', 'https://photos.example/b.jpg']
        WHERE id IN ('csearch000002', 'csearch000003')`,
    );
    // Inserted out of order: the cover is position 0, not the first row or the first key.
    const key = (listing: string, c: string) => `img/listing/${listing}/${c.repeat(32)}`;
    await sql.query(
      `INSERT INTO pets.listing_photos (id, listing_id, key, alt, position, width, height, placeholder) VALUES
         ('cphoto1', 'csearch000001', $1, 'The sofa', 1, 640, 480, 'data:image/webp;base64,b'),
         ('cphoto2', 'csearch000001', $2, 'The garden', 0, 1280, 853, 'data:image/webp;base64,c'),
         ('cphoto3', 'csearch000001', $3, 'The hall', 2, 800, 600, 'data:image/webp;base64,a'),
         ('cphoto4', 'csearch000002', $4, 'The kitchen', 0, 900, 1200, 'data:image/webp;base64,d')`,
      [key("csearch000001", "a"), key("csearch000001", "z"), key("csearch000001", "0"), key("csearch000002", "k")],
    );
    for (const via of Object.values(paths)) {
      const result = await via.search(SearchParams.parse({ sort: "price" }));
      if (!result.ok) throw new Error(result.message);
      expect(result.items.map(({ id, cover, photoUrl }) => ({ id, cover, photoUrl }))).toEqual([
        {
          id: "csearch000001",
          cover: {
            key: key("csearch000001", "z"),
            alt: "The garden",
            width: 1280,
            height: 853,
            placeholder: "data:image/webp;base64,c",
          },
          photoUrl: null,
        },
        {
          id: "csearch000002",
          cover: {
            key: key("csearch000002", "k"),
            alt: "The kitchen",
            width: 900,
            height: 1200,
            placeholder: "data:image/webp;base64,d",
          },
          photoUrl: "https://photos.example/csearch000002/a.jpg",
        },
        { id: "csearch000003", cover: null, photoUrl: "https://photos.example/csearch000003/a.jpg" },
      ]);
    }
  });

  it("bounds and orders prices in whole units of each listing's own currency", async () => {
    await load({
      listings: [
        flat("csearch000001", 4_500, "EUR"), // €45.00
        flat("csearch000002", 4_500, "JPY"), // ¥4,500
        flat("csearch000003", 45_000, "KWD"), // KWD 45.000
        flat("csearch000004", 4_500, "KWD"), // KWD 4.500
        flat("csearch000005", 4_501, "USD"), // $45.01
      ],
      stays: [],
      blocks: [],
    });
    const ids = async (input: Record<string, string>) => {
      const result = await repo.search(SearchParams.parse({ sort: "price", ...input }));
      if (!result.ok) throw new Error(result.message);
      return result.items.map((h) => h.id);
    };
    expect(await ids({ minPrice: "40", maxPrice: "45" })).toEqual(["csearch000001", "csearch000003"]);
    expect(await ids({ minPrice: "4000", maxPrice: "5000" })).toEqual(["csearch000002"]);
    expect(await ids({ minPrice: "4", maxPrice: "5" })).toEqual(["csearch000004"]);
    expect(await ids({ minPrice: "46" })).toEqual(["csearch000002"]);
    expect(await ids({})).toEqual([
      "csearch000004",
      "csearch000001",
      "csearch000003",
      "csearch000005",
      "csearch000002",
    ]);
  });

  it("scales by the minor digits Intl gives every three-letter code (pets.price_micros)", async () => {
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const codes = [...letters].flatMap((a) => [...letters].flatMap((b) => [...letters].map((c) => a + b + c)));
    const { rows } = await sql.query<{ code: string; micros: string }>(
      "SELECT code, pets.price_micros(1, code) AS micros FROM unnest($1::text[]) code",
      [codes],
    );
    const disagreeing = rows.filter(({ code, micros }) => Number(micros) !== 10 ** (6 - minorDigits(code)));
    expect(disagreeing).toEqual([]);
    expect(rows).toHaveLength(26 ** 3);
  });

  it("refuses a tampered or foreign cursor as a validation failure", async () => {
    const forged = (json: string) => Buffer.from(json).toString("base64url");
    const tampered = forged('{"s":"price","k":["1; DROP"],"id":"x"}');
    // A valid cursor of one sort order is not one of another.
    const foreign = encodeCursor({ s: "price", k: [4_500], id: "csearch000001" });
    for (const [sort, cursor] of [
      ["price", "garbage"],
      ["price", tampered],
      ["newest", foreign],
      // Well-formed JSON whose keys PostgreSQL's casts refuse: there is no year 0, rating_count is
      // int4 and text cannot hold NUL.
      ["newest", forged('{"s":"newest","k":["0000-01-01T00:00:00Z"],"id":"x"}')],
      ["rating", forged('{"s":"rating","k":[4,2147483648],"id":"x"}')],
      ["price", forged('{"s":"price","k":[1],"id":"a\\u0000b"}')],
    ] as const) {
      const result = await repo.search(SearchParams.parse({ sort, cursor }));
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { cursor: ["Malformed page link"] } });
    }
    expect(await repo.search(SearchParams.parse({ sort: "price", cursor: foreign }))).toMatchObject({ ok: true });
  });
});
