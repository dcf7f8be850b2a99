import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { listingVisibilityRepository } from "./visibility";

const { db, sql } = testDatabase(4);
const visibility = listingVisibilityRepository(db);
const make = factories(db);

const NOW = new Date("2027-01-10T12:00:00Z");
const LATER = new Date("2027-01-11T08:30:00Z");

const events = async (aggregateId: string) =>
  (
    await sql.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM pets.outbox_events WHERE aggregate_id = $1 ORDER BY created_at, type",
      [aggregateId],
    )
  ).rows;
const row = async (id: string) =>
  (await sql.query("SELECT status, hidden_at, hidden_by FROM pets.listings WHERE id = $1", [id])).rows[0];

describe("listingVisibilityRepository", () => {
  it("hides once, recording who and when, with one listing.hidden event; unhide clears it", async () => {
    const sitter = await make.user("SITTER");
    const [admin, other] = [await make.user("ADMIN"), await make.user("ADMIN")];
    const listing = await make.listing(sitter.id);

    expect(await visibility.hide(listing.id, admin.id, NOW)).toEqual({
      ok: true,
      changed: true,
      listing: { id: listing.id, sitterId: sitter.id, hiddenAt: NOW, hiddenBy: admin.id },
    });
    // A second hide by someone else changes nothing: the first audit stays.
    expect(await visibility.hide(listing.id, other.id, LATER)).toMatchObject({
      ok: true,
      changed: false,
      listing: { hiddenAt: NOW, hiddenBy: admin.id },
    });
    expect(await row(listing.id)).toEqual({ status: "ACTIVE", hidden_at: NOW, hidden_by: admin.id });

    expect(await visibility.unhide(listing.id, other.id, LATER)).toMatchObject({
      ok: true,
      changed: true,
      listing: { hiddenAt: null, hiddenBy: null },
    });
    expect(await visibility.unhide(listing.id, other.id, LATER)).toMatchObject({ ok: true, changed: false });
    expect(await events(listing.id)).toEqual([
      {
        type: "listing.hidden",
        payload: { listingId: listing.id, sitterId: sitter.id, adminId: admin.id, at: NOW.toISOString() },
      },
      {
        type: "listing.unhidden",
        payload: { listingId: listing.id, sitterId: sitter.id, adminId: other.id, at: LATER.toISOString() },
      },
    ]);
  });

  it("answers NOT_FOUND for an unknown listing and VALIDATION for a malformed id, writing nothing", async () => {
    const before = Number((await sql.query("SELECT count(*) FROM pets.outbox_events")).rows[0].count);
    expect(await visibility.hide("cmissinglisting0000000000", "admin-x", NOW)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await visibility.hide("not a cuid", "admin-x", NOW)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { listingId: ["Malformed id"] },
    });
    expect(await visibility.unhide("cmissinglisting0000000000", "", NOW)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { adminId: ["Missing admin id"] },
    });
    expect(Number((await sql.query("SELECT count(*) FROM pets.outbox_events")).rows[0].count)).toBe(before);
  });
});
