-- Purpose: the accept path in one round trip: pets.accept_booking locks the listing, checks state, expiry
--          and availability, accepts, declines the overlapping requests and writes every outbox row; and an
--          index of live requests so finding the ones to decline does not scan the listing's history.
-- Ticket: #5
-- Reversible: yes
-- Rollback:
--   DROP FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ);
--   DROP INDEX "pets"."bookings_requested_idx";

-- Live requests per listing: the ones an accept must decline. Partial, so it holds only REQUESTED
-- rows (few per listing) and the listing's accepted/declined history never enters it.
-- Not expressible in Prisma; allow-listed in the drift check.
CREATE INDEX "bookings_requested_idx" ON "pets"."bookings"("listing_id", "start_date") WHERE "status" = 'REQUESTED';

-- Called once per accept by @burrow/db's bookingRepository (bookings/accept-sql.ts), which maps the
-- outcome to its Result and keeps the messages; an exclusion violation (bookings_no_overlap) is
-- raised as usual and becomes a 409 there. It answers one jsonb value, {outcome, booking, declined}
-- (booking as to_jsonb writes a pets.bookings row, declined only when ACCEPTED), so the caller
-- parses one column instead of PostgreSQL planning a field list over a composite. Outcomes:
--   NOT_FOUND      no such booking on a listing of p_sitter_id
--   LOST_RACE      DECLINED because an overlapping request was accepted first
--   INVALID_STATE  any other status than REQUESTED, also when it changed under us (the row is returned for the message)
--   EXPIRED        expires_at <= p_now, even if the sweeper has not marked it yet
--   UNAVAILABLE    a night off the weekly plan or blocked (same rule as @burrow/booking's unavailableNights)
--   ACCEPTED       written, with the ids of the requests it declined
-- PL/pgSQL runs each statement with a fresh snapshot (READ COMMITTED), so everything after the lock
-- sees every request, block and plan change committed before we got it (see listings/lock.ts).
CREATE FUNCTION "pets"."accept_booking"(p_booking_id TEXT, p_sitter_id TEXT, p_now TIMESTAMPTZ)
    RETURNS JSONB
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_weekdays SMALLINT;
    v_booking "pets"."bookings";
    v_declined TEXT[];
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
        RETURN jsonb_build_object('outcome', 'NOT_FOUND');
    END IF;
    -- The accept, guarded by every rule, so the usual case is one statement. A night is the date it
    -- begins on: off the plan when its ISO weekday's bit (Monday = bit 0) is clear, blocked when a
    -- block covers it, i.e. when a block overlaps the stay.
    UPDATE "pets"."bookings" b SET "status" = 'ACCEPTED', "decided_at" = p_now, "updated_at" = now()
     WHERE b."id" = p_booking_id AND b."status" = 'REQUESTED' AND b."expires_at" > p_now
       AND (v_weekdays = 127 OR NOT EXISTS (
            SELECT 1 FROM generate_series(0, b."end_date" - b."start_date" - 1) AS n
             WHERE v_weekdays & (1 << (extract(isodow FROM b."start_date" + n)::int - 1)) = 0))
       AND NOT EXISTS (
            SELECT 1 FROM "pets"."availability_blocks" k
             WHERE k."listing_id" = b."listing_id" AND k."start_date" < b."end_date" AND k."end_date" > b."start_date")
    RETURNING * INTO v_booking;
    IF NOT FOUND THEN
        -- Which rule refused it, in the order of the outcomes above.
        SELECT * INTO v_booking FROM "pets"."bookings" WHERE "id" = p_booking_id;
        RETURN jsonb_build_object('booking', to_jsonb(v_booking), 'outcome',
            CASE WHEN v_booking."status" = 'DECLINED' AND EXISTS (
                     SELECT 1 FROM "pets"."bookings" o
                      WHERE o."listing_id" = v_booking."listing_id" AND o."status" IN ('ACCEPTED', 'COMPLETED')
                        AND o."start_date" < v_booking."end_date" AND o."end_date" > v_booking."start_date")
                      THEN 'LOST_RACE'
                 WHEN v_booking."status" <> 'REQUESTED' THEN 'INVALID_STATE'
                 WHEN v_booking."expires_at" <= p_now THEN 'EXPIRED'
                 ELSE 'UNAVAILABLE' END);
    END IF;

    -- Decline the overlapping requests; write the accepted event, then one per declined request, with
    -- payloads in the shape of bookingEvent() in packages/db/src/outbox/events.ts.
    WITH losers AS (
        UPDATE "pets"."bookings" d SET "status" = 'DECLINED', "decided_at" = p_now, "updated_at" = now()
         WHERE d."listing_id" = v_booking."listing_id" AND d."status" = 'REQUESTED' AND d."id" <> v_booking."id"
           AND d."start_date" < v_booking."end_date" AND d."end_date" > v_booking."start_date"
        RETURNING d."id", d."owner_id", d."start_date", d."end_date"
    ), events AS (
        INSERT INTO "pets"."outbox_events" ("type", "aggregate_id", "payload")
        SELECT 'booking.accepted', v_booking."id", jsonb_build_object(
            'bookingId', v_booking."id", 'listingId', v_booking."listing_id", 'tenantId', v_booking."owner_id",
            'sitterId', p_sitter_id, 'status', 'ACCEPTED', 'start', v_booking."start_date", 'end', v_booking."end_date")
        UNION ALL
        SELECT 'booking.declined', d."id", jsonb_build_object(
            'bookingId', d."id", 'listingId', v_booking."listing_id", 'tenantId', d."owner_id", 'sitterId', p_sitter_id,
            'status', 'DECLINED', 'start', d."start_date", 'end', d."end_date", 'reason', 'overlap')
          FROM losers d
    )
    SELECT coalesce(array_agg(d."id"), ARRAY[]::TEXT[]) INTO v_declined FROM losers d;
    RETURN jsonb_build_object('outcome', 'ACCEPTED', 'declined', to_jsonb(v_declined), 'booking', to_jsonb(v_booking));
END
$$;

-- Only the pets app writes bookings; it runs with the caller's rights, so this only keeps others from calling it.
REVOKE ALL ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "pets"."accept_booking"(TEXT, TEXT, TIMESTAMPTZ) TO burrow_pets;
