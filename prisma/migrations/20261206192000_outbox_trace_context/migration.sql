-- Purpose: each outbox row stores the W3C trace context (traceparent, tracestate) of the span that wrote
--          it, so its delivery and web's handling continue that trace; pets.accept_booking takes the
--          caller's context for the rows it writes.
-- Ticket: #19
-- Reversible: yes
-- Rollback:
--   -- Restores the function of 20261128112018_accept_booking_cached_plans (its body as one E'' string).
--   DROP FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ, TEXT, TEXT);
--   CREATE FUNCTION "pets"."accept_booking"(p_booking_id TEXT, p_sitter_id TEXT, p_now TIMESTAMPTZ)
--   RETURNS JSON LANGUAGE plpgsql VOLATILE AS
--   E'\n'
--   'DECLARE\n'
--   '    v_weekdays SMALLINT;\n'
--   '    v_accepted RECORD;\n'
--   '    v_booking "pets"."bookings";\n'
--   '    v_declined TEXT[] := ARRAY[]::TEXT[];\n'
--   'BEGIN\n'
--   '    -- The listing lock, as every availability write takes it: accepts of one listing run one at a\n'
--   '    -- time. The booking itself is not locked up front; the status guard of the UPDATE below catches\n'
--   '    -- a decline or cancel that slips in between (the listing lock is always taken first: no deadlock).\n'
--   '    SELECT l."weekdays" INTO v_weekdays\n'
--   '      FROM "pets"."listings" l\n'
--   '     WHERE l."id" = (SELECT b."listing_id" FROM "pets"."bookings" b WHERE b."id" = p_booking_id)\n'
--   '       AND l."sitter_id" = p_sitter_id\n'
--   '       FOR NO KEY UPDATE;\n'
--   '    IF NOT FOUND THEN\n'
--   '        RETURN ''{"outcome": "NOT_FOUND"}'';\n'
--   '    END IF;\n'
--   '    -- The accept, guarded by every rule, and its outbox row (payload in the shape of bookingEvent()\n'
--   '    -- in packages/db/src/outbox/events.ts). A night is the date it begins on: off the plan when its\n'
--   '    -- ISO weekday''s bit (Monday = bit 0) is clear, blocked when a block covers it, i.e. overlaps the\n'
--   '    -- stay. overlapped: whether a live request overlaps the stay (this statement still sees the\n'
--   '    -- accepted row as REQUESTED, hence id <>). ORDER BY … LIMIT 1 walks bookings_requested_idx and\n'
--   '    -- stops at the first hit; as EXISTS the planner may pick a sequential scan when it guesses that\n'
--   '    -- many requests match.\n'
--   '    WITH accepted AS (\n'
--   '        UPDATE "pets"."bookings" b SET "status" = ''ACCEPTED'', "decided_at" = p_now, "updated_at" = now()\n'
--   '         WHERE b."id" = p_booking_id AND b."status" = ''REQUESTED'' AND b."expires_at" > p_now\n'
--   '           AND (v_weekdays = 127 OR NOT EXISTS (\n'
--   '                SELECT 1 FROM generate_series(0, b."end_date" - b."start_date" - 1) AS n\n'
--   '                 WHERE v_weekdays & (1 << (extract(isodow FROM b."start_date" + n)::int - 1)) = 0))\n'
--   '           AND NOT EXISTS (\n'
--   '                SELECT 1 FROM "pets"."availability_blocks" k\n'
--   '                 WHERE k."listing_id" = b."listing_id" AND k."start_date" < b."end_date" AND k."end_date" > b."start_date")\n'
--   '        RETURNING b.*\n'
--   '    ), event AS (\n'
--   '        INSERT INTO "pets"."outbox_events" ("type", "aggregate_id", "payload")\n'
--   '        SELECT ''booking.accepted'', a."id", jsonb_build_object(\n'
--   '            ''bookingId'', a."id", ''listingId'', a."listing_id", ''tenantId'', a."owner_id",\n'
--   '            ''sitterId'', p_sitter_id, ''status'', ''ACCEPTED'', ''start'', a."start_date", ''end'', a."end_date")\n'
--   '          FROM accepted a\n'
--   '    )\n'
--   '    SELECT to_json(a) AS booking, a."listing_id", a."start_date", a."end_date", (\n'
--   '               SELECT r."id" FROM "pets"."bookings" r\n'
--   '                WHERE r."listing_id" = a."listing_id" AND r."status" = ''REQUESTED'' AND r."id" <> a."id"\n'
--   '                  AND r."start_date" < a."end_date" AND r."end_date" > a."start_date"\n'
--   '                ORDER BY r."start_date" LIMIT 1) IS NOT NULL AS overlapped\n'
--   '      INTO v_accepted FROM accepted a;\n'
--   '    IF NOT FOUND THEN\n'
--   '        -- Which rule refused it, in the order of the outcomes above.\n'
--   '        SELECT * INTO v_booking FROM "pets"."bookings" WHERE "id" = p_booking_id;\n'
--   '        RETURN json_build_object(''booking'', to_json(v_booking), ''outcome'',\n'
--   '            CASE WHEN v_booking."status" = ''DECLINED'' AND EXISTS (\n'
--   '                     SELECT 1 FROM "pets"."bookings" o\n'
--   '                      WHERE o."listing_id" = v_booking."listing_id" AND o."status" IN (''ACCEPTED'', ''COMPLETED'')\n'
--   '                        AND o."start_date" < v_booking."end_date" AND o."end_date" > v_booking."start_date")\n'
--   '                      THEN ''LOST_RACE''\n'
--   '                 WHEN v_booking."status" <> ''REQUESTED'' THEN ''INVALID_STATE''\n'
--   '                 WHEN v_booking."expires_at" <= p_now THEN ''EXPIRED''\n'
--   '                 ELSE ''UNAVAILABLE'' END);\n'
--   '    END IF;\n'
--   '    IF v_accepted.overlapped THEN\n'
--   '        -- Decline the overlapping requests, one booking.declined row each, after the accepted one.\n'
--   '        WITH losers AS (\n'
--   '            UPDATE "pets"."bookings" d SET "status" = ''DECLINED'', "decided_at" = p_now, "updated_at" = now()\n'
--   '             WHERE d."listing_id" = v_accepted."listing_id" AND d."status" = ''REQUESTED''\n'
--   '               AND d."start_date" < v_accepted."end_date" AND d."end_date" > v_accepted."start_date"\n'
--   '            RETURNING d."id", d."owner_id", d."start_date", d."end_date"\n'
--   '        ), events AS (\n'
--   '            INSERT INTO "pets"."outbox_events" ("type", "aggregate_id", "payload")\n'
--   '            SELECT ''booking.declined'', d."id", jsonb_build_object(\n'
--   '                ''bookingId'', d."id", ''listingId'', v_accepted."listing_id", ''tenantId'', d."owner_id",\n'
--   '                ''sitterId'', p_sitter_id, ''status'', ''DECLINED'', ''start'', d."start_date", ''end'', d."end_date",\n'
--   '                ''reason'', ''overlap'')\n'
--   '              FROM losers d\n'
--   '        )\n'
--   '        SELECT coalesce(array_agg(d."id"), ARRAY[]::TEXT[]) INTO v_declined FROM losers d;\n'
--   '    END IF;\n'
--   '    RETURN json_build_object(''outcome'', ''ACCEPTED'', ''declined'', to_json(v_declined), ''booking'', v_accepted.booking);\n'
--   'END\n';
--   REVOKE ALL ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC;
--   GRANT EXECUTE ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ) TO burrow_pets;
--   ALTER TABLE "pets"."outbox_events" DROP COLUMN "traceparent", DROP COLUMN "tracestate";

-- AlterTable
ALTER TABLE "pets"."outbox_events" ADD COLUMN     "traceparent" VARCHAR(55),
ADD COLUMN     "tracestate" TEXT;

-- A new parameter is a new signature, which CREATE OR REPLACE cannot give the old function.
DROP FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ);

-- As in 20261128112018_accept_booking_cached_plans (outcomes, locking and plans unchanged), with the
-- caller's trace context (NULLs outside a trace) on the booking.accepted and booking.declined rows.
CREATE FUNCTION "pets"."accept_booking"(
    p_booking_id TEXT, p_sitter_id TEXT, p_now TIMESTAMPTZ, p_traceparent TEXT, p_tracestate TEXT)
    RETURNS JSON
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_weekdays SMALLINT;
    v_accepted RECORD;
    v_booking "pets"."bookings";
    v_declined TEXT[] := ARRAY[]::TEXT[];
BEGIN
    -- The listing lock, as every availability write takes it: accepts of one listing run one at a
    -- time. The booking itself is not locked up front; the status guard of the UPDATE below catches
    -- a decline or cancel that slips in between (the listing lock is always taken first: no deadlock).
    SELECT l."weekdays" INTO v_weekdays
      FROM "pets"."listings" l
     WHERE l."id" = (SELECT b."listing_id" FROM "pets"."bookings" b WHERE b."id" = p_booking_id)
       AND l."sitter_id" = p_sitter_id
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN '{"outcome": "NOT_FOUND"}';
    END IF;
    -- The accept, guarded by every rule, and its outbox row (payload in the shape of bookingEvent()
    -- in packages/db/src/outbox/events.ts). A night is the date it begins on: off the plan when its
    -- ISO weekday's bit (Monday = bit 0) is clear, blocked when a block covers it, i.e. overlaps the
    -- stay. overlapped: whether a live request overlaps the stay (this statement still sees the
    -- accepted row as REQUESTED, hence id <>). ORDER BY … LIMIT 1 walks bookings_requested_idx and
    -- stops at the first hit; as EXISTS the planner may pick a sequential scan when it guesses that
    -- many requests match.
    WITH accepted AS (
        UPDATE "pets"."bookings" b SET "status" = 'ACCEPTED', "decided_at" = p_now, "updated_at" = now()
         WHERE b."id" = p_booking_id AND b."status" = 'REQUESTED' AND b."expires_at" > p_now
           AND (v_weekdays = 127 OR NOT EXISTS (
                SELECT 1 FROM generate_series(0, b."end_date" - b."start_date" - 1) AS n
                 WHERE v_weekdays & (1 << (extract(isodow FROM b."start_date" + n)::int - 1)) = 0))
           AND NOT EXISTS (
                SELECT 1 FROM "pets"."availability_blocks" k
                 WHERE k."listing_id" = b."listing_id" AND k."start_date" < b."end_date" AND k."end_date" > b."start_date")
        RETURNING b.*
    ), event AS (
        INSERT INTO "pets"."outbox_events" ("type", "aggregate_id", "payload", "traceparent", "tracestate")
        SELECT 'booking.accepted', a."id", jsonb_build_object(
            'bookingId', a."id", 'listingId', a."listing_id", 'tenantId', a."owner_id",
            'sitterId', p_sitter_id, 'status', 'ACCEPTED', 'start', a."start_date", 'end', a."end_date"),
            p_traceparent, p_tracestate
          FROM accepted a
    )
    SELECT to_json(a) AS booking, a."listing_id", a."start_date", a."end_date", (
               SELECT r."id" FROM "pets"."bookings" r
                WHERE r."listing_id" = a."listing_id" AND r."status" = 'REQUESTED' AND r."id" <> a."id"
                  AND r."start_date" < a."end_date" AND r."end_date" > a."start_date"
                ORDER BY r."start_date" LIMIT 1) IS NOT NULL AS overlapped
      INTO v_accepted FROM accepted a;
    IF NOT FOUND THEN
        -- Which rule refused it, in the order of the outcomes above.
        SELECT * INTO v_booking FROM "pets"."bookings" WHERE "id" = p_booking_id;
        RETURN json_build_object('booking', to_json(v_booking), 'outcome',
            CASE WHEN v_booking."status" = 'DECLINED' AND EXISTS (
                     SELECT 1 FROM "pets"."bookings" o
                      WHERE o."listing_id" = v_booking."listing_id" AND o."status" IN ('ACCEPTED', 'COMPLETED')
                        AND o."start_date" < v_booking."end_date" AND o."end_date" > v_booking."start_date")
                      THEN 'LOST_RACE'
                 WHEN v_booking."status" <> 'REQUESTED' THEN 'INVALID_STATE'
                 WHEN v_booking."expires_at" <= p_now THEN 'EXPIRED'
                 ELSE 'UNAVAILABLE' END);
    END IF;
    IF v_accepted.overlapped THEN
        -- Decline the overlapping requests, one booking.declined row each, after the accepted one.
        WITH losers AS (
            UPDATE "pets"."bookings" d SET "status" = 'DECLINED', "decided_at" = p_now, "updated_at" = now()
             WHERE d."listing_id" = v_accepted."listing_id" AND d."status" = 'REQUESTED'
               AND d."start_date" < v_accepted."end_date" AND d."end_date" > v_accepted."start_date"
            RETURNING d."id", d."owner_id", d."start_date", d."end_date"
        ), events AS (
            INSERT INTO "pets"."outbox_events" ("type", "aggregate_id", "payload", "traceparent", "tracestate")
            SELECT 'booking.declined', d."id", jsonb_build_object(
                'bookingId', d."id", 'listingId', v_accepted."listing_id", 'tenantId', d."owner_id",
                'sitterId', p_sitter_id, 'status', 'DECLINED', 'start', d."start_date", 'end', d."end_date",
                'reason', 'overlap'), p_traceparent, p_tracestate
              FROM losers d
        )
        SELECT coalesce(array_agg(d."id"), ARRAY[]::TEXT[]) INTO v_declined FROM losers d;
    END IF;
    RETURN json_build_object('outcome', 'ACCEPTED', 'declined', to_json(v_declined), 'booking', v_accepted.booking);
END
$$;

-- Only the pets app writes bookings; it runs with the caller's rights, so this only keeps others from calling it.
REVOKE ALL ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ, TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ, TEXT, TEXT) TO burrow_pets;
