import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cursor, decodeCursor, encodeCursor, nightsMask, SearchParams } from "./query";

const errors = (input: Record<string, unknown>) => {
  const parsed = SearchParams.safeParse(input);
  if (parsed.success) throw new Error(`expected a failure for ${JSON.stringify(input)}`);
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("SearchParams", () => {
  it("treats an empty query string as no filters, newest first", () => {
    expect(SearchParams.parse({})).toEqual({ species: [], sort: "newest", stay: undefined });
  });

  it("parses a full query string and ignores blank fields of a submitted form", () => {
    expect(
      SearchParams.parse({
        city: "  Berlin ",
        start: "2027-03-01",
        end: "2027-03-05",
        pets: "2",
        species: ["DOG", "CAT", "DOG"],
        minPrice: "10",
        maxPrice: "",
        q: " garden ",
        sort: "price",
        cursor: "",
      }),
    ).toEqual({
      city: "Berlin",
      stay: { start: "2027-03-01", end: "2027-03-05" },
      pets: 2,
      species: ["CAT", "DOG"],
      minPrice: 10,
      q: "garden",
      sort: "price",
    });
  });

  it("takes one species or several (repeated keys)", () => {
    expect(SearchParams.parse({ species: "BIRD" }).species).toEqual(["BIRD"]);
    expect(SearchParams.parse({ species: ["BIRD", ""] }).species).toEqual(["BIRD"]);
  });

  it("uses the first value of a repeated single-valued key", () => {
    expect(SearchParams.parse({ city: ["Lisbon", "Berlin"], sort: ["rating", "price"] })).toMatchObject({
      city: "Lisbon",
      sort: "rating",
    });
  });

  it("names the parameter of each garbage value", () => {
    expect(
      errors({ pets: "two", minPrice: "1e400", maxPrice: "-3", sort: "cheapest", species: "DRAGON", start: "soon" }),
    ).toEqual({
      pets: "Must be a number",
      minPrice: "Must be a number",
      maxPrice: "Must be at least 0",
      sort: "Choose price, rating or newest",
      "species.0": "Unknown species",
      start: "Use a date like 2027-03-01",
    });
  });

  it("refuses huge numbers and fractions", () => {
    expect(errors({ pets: "99999999999999999999" })).toEqual({ pets: "Must be at most 20" });
    expect(errors({ pets: "1.5" })).toEqual({ pets: "Must be a whole number" });
    expect(errors({ maxPrice: "10000001" })).toEqual({ maxPrice: "Must be at most 10,000,000" });
  });

  it("takes prices up to the dearest listing in a zero-decimal currency (₩150,000 a night is ordinary)", () => {
    expect(SearchParams.parse({ minPrice: "150000", maxPrice: "10000000" })).toMatchObject({
      minPrice: 150_000,
      maxPrice: 10_000_000,
    });
  });

  it("refuses impossible, reversed, half-given and overlong date ranges", () => {
    expect(errors({ start: "2027-02-30", end: "2027-03-02" })).toEqual({ start: "No such calendar date" });
    expect(errors({ start: "0000-01-01", end: "0000-01-02" })).toEqual({
      start: "Use a date between 1900 and 2999",
      end: "Use a date between 1900 and 2999",
    });
    expect(errors({ start: "2999-12-31", end: "3000-01-01" })).toEqual({ end: "Use a date between 1900 and 2999" });
    expect(errors({ start: "2027-03-05", end: "2027-03-01" })).toEqual({ end: "Check-out must be after check-in" });
    expect(errors({ start: "2027-03-05", end: "2027-03-05" })).toEqual({ end: "Check-out must be after check-in" });
    expect(errors({ start: "2027-03-05" })).toEqual({ end: "Choose both a check-in and a check-out date" });
    expect(errors({ end: "2027-03-05" })).toEqual({ start: "Choose both a check-in and a check-out date" });
    expect(errors({ start: "2027-03-01", end: "2027-06-01" })).toEqual({ end: "A stay can be at most 60 nights" });
  });

  it("refuses a price range upside down and overlong text", () => {
    expect(errors({ minPrice: "50", maxPrice: "20" })).toEqual({
      maxPrice: "Must not be below the minimum price",
    });
    expect(errors({ q: "x".repeat(101) })).toEqual({ q: "At most 100 characters" });
    expect(errors({ q: "a\u0000b" })).toEqual({ q: "Contains a NUL character" });
    expect(errors({ city: "a\u0000b" })).toEqual({ city: "Contains a NUL character" });
    expect(errors({ city: "x".repeat(81) })).toEqual({ city: "At most 80 characters" });
  });

  it("keeps SQL and regex metacharacters as plain text (they only ever become bound parameters)", () => {
    expect(SearchParams.parse({ q: "'; DROP TABLE pets.listings; --" }).q).toBe("'; DROP TABLE pets.listings; --");
    expect(SearchParams.parse({ q: ".*(%_\\" }).q).toBe(".*(%_\\");
  });

  it("never throws on arbitrary query strings", () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }));
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("city", "start", "end", "pets", "species", "q", "sort"), value),
        (q) => {
          expect(typeof SearchParams.safeParse(q).success).toBe("boolean");
        },
      ),
    );
  });
});

describe("nightsMask", () => {
  it("sets the weekday bit (Monday = bit 0) of each night, not of the check-out day", () => {
    // 2027-03-05 is a Friday: nights Fri, Sat.
    expect(nightsMask("2027-03-05", "2027-03-07")).toBe(0b011_0000);
    expect(nightsMask("2027-03-07", "2027-03-08")).toBe(0b100_0000);
    expect(nightsMask("2027-03-01", "2027-03-31")).toBe(0b111_1111);
  });
});

describe("cursor", () => {
  it("round-trips and is bound to its sort order", () => {
    const cursor: Cursor = { s: "newest", k: ["2027-01-01T10:00:00.000Z"], id: "cabc" };
    const encoded = encodeCursor(cursor);
    expect(decodeCursor(encoded, "newest")).toEqual(cursor);
    expect(decodeCursor(encoded, "price")).toBeNull();
  });

  it("rejects garbage and tampered keys", () => {
    expect(decodeCursor("%%%", "price")).toBeNull();
    expect(decodeCursor(Buffer.from("[1,2]").toString("base64url"), "price")).toBeNull();
    expect(decodeCursor(encodeCursor({ s: "price", k: [-1], id: "x" }), "price")).toBeNull();
    // Values the SQL casts would refuse: no year 0 in PostgreSQL, int4 counts, text without NUL.
    expect(decodeCursor(encodeCursor({ s: "newest", k: ["0000-01-01T00:00:00Z"], id: "x" }), "newest")).toBeNull();
    expect(decodeCursor(encodeCursor({ s: "rating", k: [4, 2 ** 31], id: "x" }), "rating")).toBeNull();
    expect(decodeCursor(encodeCursor({ s: "price", k: [1], id: "a\u0000b" }), "price")).toBeNull();
    expect(decodeCursor(encodeCursor({ s: "newest", k: ["2999-12-31T23:59:59Z"], id: "x" }), "newest")).not.toBeNull();
  });
});
