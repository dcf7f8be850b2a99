// Each city's price distribution against all listings', for choosing between the city walk and the full
// search statement. PostgreSQL estimates a price range from the histogram of every listed price (the
// listings_price_micros_stats statistics) times the city's share of listings; in a city that prices in
// its own currency (yen, koruny, kroner) that misses nearly all of its candidates, and the planner reads
// and sorts them all. The repository walks such a city's sort index instead, and only such a city: where
// the estimate is right, the full statement's plan is the better one.
import { log } from "@burrow/observability/log";
import type pg from "pg";

/** Quantiles kept per city: every 5 %, from the lowest price to the highest (21 values). */
const STEPS = 20;
const QUANTILES = Array.from({ length: STEPS + 1 }, (_, i) => i / STEPS);

/**
 * One scan of the listed listings: per city (lower-cased, as the search compares) and over all of
 * them (the grouping set `()`, city NULL), the count and the price quantiles in micros (float8 holds
 * every micros value exactly: below 2^53). With no listed listings, only the `()` row, with none.
 */
const STATISTICS = `
  SELECT CASE WHEN GROUPING(lower(city)) = 0 THEN lower(city) END AS city, count(*)::int AS listed,
         coalesce(percentile_disc($1::float8[]) WITHIN GROUP
           (ORDER BY pets.price_micros(nightly_price_minor, currency))::float8[], '{}') AS quantiles
    FROM pets.listings
   WHERE status = 'ACTIVE' AND hidden_at IS NULL
   GROUP BY GROUPING SETS ((lower(city)), ())`;

interface Distribution {
  listed: number;
  quantiles: number[];
}

/**
 * The share of a distribution's prices within [min, max] (micros, either bound open), reading its
 * quantiles as a piecewise-linear distribution function.
 */
export function shareInRange(quantiles: readonly number[], min: number | undefined, max: number | undefined): number {
  const last = quantiles.length - 1;
  if (last < 1) return 0;
  /** The share of prices below x. */
  const below = (x: number): number => {
    const above = quantiles.findIndex((q) => q >= x);
    if (above === -1) return 1;
    if (above === 0) return 0;
    const [from, to] = [quantiles[above - 1] as number, quantiles[above] as number];
    return (above - 1 + (x - from) / (to - from)) / last;
  };
  // Prices are whole micros: "≤ max" is "< max + 1".
  return Math.max(0, (max === undefined ? 1 : below(max + 1)) - (min === undefined ? 0 : below(min)));
}

/** How far PostgreSQL's estimate of a city's candidates falls short before the walk is taken. */
const UNDER_COUNT = 4;
/** Below this many candidates the full statement is cheap whatever its plan: no walk. */
const MIN_CANDIDATES = 200;

export interface CityPriceOptions {
  /** How old the figures may be before a search refreshes them (in the background). */
  maxAgeMs?: number;
}

/** The per-city figures of one database, refreshed at most every `maxAgeMs` by the searches that read them. */
export class CityPrices {
  private cities: Map<string, Distribution> | null = null;
  private all: Distribution | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private readonly maxAgeMs: number;

  constructor(
    private readonly query: (query: pg.QueryConfig) => Promise<(Distribution & { city: string | null })[]>,
    { maxAgeMs = 5 * 60_000 }: CityPriceOptions = {},
  ) {
    this.maxAgeMs = maxAgeMs;
  }

  /** Reads the figures now (the first search starts this itself; tests and benches await it). */
  refresh(): Promise<void> {
    this.loading ??= this.query({ text: STATISTICS, values: [QUANTILES] })
      .then((rows) => {
        this.cities = new Map(rows.filter((r) => r.city !== null).map((r) => [r.city as string, r]));
        this.all = rows.find((r) => r.city === null) ?? { listed: 0, quantiles: [] };
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /**
   * Whether a search of `city` within [min, max] (micros) should walk the city's sort index: true when
   * PostgreSQL's estimate of its candidates falls UNDER_COUNT times short of the city's own figures and
   * there are MIN_CANDIDATES or more. Before the first figures arrive, every such search walks (a walk
   * is never wrong, only sometimes slower); a city unknown to them has too few listings to matter.
   */
  walks(city: string, min: number | undefined, max: number | undefined): boolean {
    if (!this.loading && Date.now() - this.loadedAt > this.maxAgeMs) {
      // Counted from the attempt: a failed refresh keeps the old figures until maxAgeMs passes again.
      this.loadedAt = Date.now();
      this.refresh().catch((err: unknown) =>
        log.warn({ component: "search", err }, "search: the per-city price figures were not refreshed"),
      );
    }
    if (!this.cities || !this.all) return true;
    // Where JavaScript's lower case differs from PostgreSQL's lower() (some non-Latin letters), the city
    // is not found and the search takes the full statement: only the walk is lost, never a result.
    const known = this.cities.get(city.toLowerCase());
    if (!known) return false;
    const share = shareInRange(known.quantiles, min, max);
    const estimated = shareInRange(this.all.quantiles, min, max);
    return known.listed * share >= MIN_CANDIDATES && share >= UNDER_COUNT * estimated;
  }
}
