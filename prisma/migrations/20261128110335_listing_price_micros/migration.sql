-- Purpose: the search's price filter and price order compare each listing's price in whole units of its own
--          currency (JPY has no minor unit, KWD three), through an immutable price_micros() and indexes on it.
-- Ticket: #6
-- Reversible: yes
-- Rollback:
--   DROP STATISTICS "pets"."listings_price_micros_stats";
--   DROP INDEX "pets"."listings_search_city_price_idx";
--   DROP INDEX "pets"."listings_search_price_idx";
--   CREATE INDEX "listings_search_city_price_idx" ON "pets"."listings" (lower("city"), "nightly_price_minor", "id") WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
--   CREATE INDEX "listings_search_price_idx" ON "pets"."listings" ("nightly_price_minor", "id") WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
--   DROP FUNCTION "pets"."price_micros"(integer, char);

-- A price in millionths of its currency's whole unit: exact, comparable with a whole-unit bound × 10^6 in
-- every currency, and within bigint and JavaScript's safe integers for any int4 amount.
-- The minor digits are exactly those of the apps' Intl.NumberFormat (ICU/CLDR): the apps store and show
-- prices in those minor units, so SQL must agree with them, not with ISO 4217 where CLDR differs (HUF,
-- IQD, ...); unknown codes get 2, as in Intl. search/repository.int.test.ts checks every three-letter code
-- against Intl. Indexes and statistics depend on this function: changing a list needs a new migration that
-- replaces it and rebuilds them.
-- PL/pgSQL on purpose: a SQL function would be inlined, and re-parsing these lists cost ~0.05 ms of planning
-- per occurrence, in every search and, through the statistics below, in every query on listings.
CREATE FUNCTION "pets"."price_micros"(minor integer, currency char(3)) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10
AS $$
BEGIN
    RETURN minor::bigint * CASE
        WHEN currency = ANY ('{ADP,AFN,ALL,BIF,BYR,CLP,COP,DJF,ESP,GNF,HUF,IDR,IQD,IRR,ISK,ITL,JPY,KMF,KPW,KRW,LAK,LBP,LUF,MGA,MGF,MMK,MRO,PKR,PYG,RWF,SLL,SOS,STD,SYP,TMM,TRL,UGX,UYI,VND,VUV,XAF,XOF,XPF,YER,ZMK,ZWD}'::char(3)[])
            THEN 1000000 -- no minor unit
        WHEN currency = ANY ('{BHD,JOD,KWD,LYD,OMR,TND}'::char(3)[]) THEN 1000
        WHEN currency = ANY ('{CLF,UYW}'::char(3)[]) THEN 100
        ELSE 10000 -- two minor digits
    END;
END
$$;

-- The price search indexes, keyed on that comparable price instead of raw minor units (same names,
-- same predicate; allow-listed in the drift check).
DROP INDEX "pets"."listings_search_city_price_idx";
DROP INDEX "pets"."listings_search_price_idx";
CREATE INDEX "listings_search_city_price_idx" ON "pets"."listings"
    (lower("city"), "pets"."price_micros"("nightly_price_minor", "currency"), "id")
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;
CREATE INDEX "listings_search_price_idx" ON "pets"."listings"
    ("pets"."price_micros"("nightly_price_minor", "currency"), "id")
    WHERE "status" = 'ACTIVE' AND "hidden_at" IS NULL;

-- The planner estimates a price range from statistics on the expression. ANALYZE keeps those of index
-- expressions, but the planner ignores a partial index's, so without these it guessed 0.5 % of listings
-- for any range and sorted whole cities instead of walking the sort order's index. Gathered now rather
-- than at the next autovacuum.
CREATE STATISTICS "pets"."listings_price_micros_stats" ON ("pets"."price_micros"("nightly_price_minor", "currency"))
    FROM "pets"."listings";
ANALYZE "pets"."listings";
