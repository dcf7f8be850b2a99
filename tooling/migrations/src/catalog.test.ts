import { describe, expect, it } from "vitest";
import { type CatalogEntry, compareCatalogs } from "./catalog";

const check = (definition: string, why?: string): CatalogEntry => ({
  kind: "check",
  name: "pets.listings.listings_price_check",
  definition,
  ...(why === undefined ? {} : { why }),
});
const grant: CatalogEntry = { kind: "table grant", name: "pets.listings", definition: "burrow_web:SELECT" };

describe("compareCatalogs", () => {
  it("finds nothing when both agree and every object is explained (grants explain themselves)", () => {
    expect(
      compareCatalogs([check("CHECK (x >= 0)", "never negative"), grant], [grant, check("CHECK (x >= 0)")]),
    ).toEqual([]);
  });

  it("names missing, unexpected, changed and unexplained objects", () => {
    expect(compareCatalogs([check("CHECK (x >= 0)", "why")], [check("CHECK (x > 0)")])).toEqual([
      {
        kind: "check",
        name: "pets.listings.listings_price_check",
        problem: "changed",
        expected: "CHECK (x >= 0)",
        actual: "CHECK (x > 0)",
      },
    ]);
    expect(compareCatalogs([grant], [])).toEqual([
      { kind: "table grant", name: "pets.listings", problem: "missing", expected: "burrow_web:SELECT" },
    ]);
    expect(compareCatalogs([], [grant])).toEqual([
      { kind: "table grant", name: "pets.listings", problem: "unexpected", actual: "burrow_web:SELECT" },
    ]);
    expect(compareCatalogs([check("CHECK (x >= 0)", " ")], [check("CHECK (x >= 0)")])).toEqual([
      { kind: "check", name: "pets.listings.listings_price_check", problem: "unexplained" },
    ]);
  });
});
