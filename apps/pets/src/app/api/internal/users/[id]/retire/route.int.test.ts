// The real route handler against the test database: who may call it, the 409 rule, and the writes.
import { randomBytes } from "node:crypto";
import { createPrismaClient } from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import { signServiceToken } from "@burrow/service-auth";
import { photoStorage } from "@burrow/storage";
import { attachedPhoto, bucketKeys } from "@burrow/testing/photos";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "./route";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 4);
const sql = new pg.Client({ connectionString: url });
const storage = photoStorage();

beforeAll(async () => {
  vi.stubEnv("SERVICE_TOKEN_SECRET", randomBytes(32).toString("base64url"));
  await sql.connect();
});
beforeEach(() => cleanPostgres(sql));
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
  vi.unstubAllEnvs();
});

const user = (role: "TENANT" | "SITTER") =>
  db.user.create({ data: { email: `${randomBytes(6).toString("hex")}@burrow.test`, role } });
const listing = (sitterId: string) =>
  db.listing.create({
    data: {
      sitterId,
      title: "Flat",
      description: "Quiet.",
      city: "Berlin",
      timeZone: "Europe/Berlin",
      nightlyPriceMinor: 4_500,
      currency: "EUR",
      species: ["DOG"],
      maxPets: 2,
    },
  });
const booking = (listingId: string, ownerId: string, status: "REQUESTED" | "ACCEPTED", month: number) =>
  db.booking.create({
    data: {
      listingId,
      ownerId,
      status,
      startDate: new Date(Date.UTC(2099, month, 1)),
      endDate: new Date(Date.UTC(2099, month, 3)),
      pets: 1,
      nightlyPriceMinor: 4_500,
      totalPriceMinor: 9_000,
      currency: "EUR",
      cancellationPolicy: "FLEXIBLE",
      expiresAt: new Date(Date.UTC(2098, 0, 1)),
    },
  });

async function retire(id: string, token?: string) {
  const request = new Request(`http://pets.test/api/internal/users/${id}/retire`, {
    method: "POST",
    headers: token ? { "x-service-token": token } : {},
  });
  return POST(request, { params: Promise.resolve({ id }) });
}
const asWebFor = (subject: string) => signServiceToken({ issuer: "web", audience: "pets", subject, ttlSeconds: 30 });

describe("POST /api/internal/users/[id]/retire", () => {
  it("answers 401 without a token and 403 for a token about someone else", async () => {
    const [a, b] = [await user("SITTER"), await user("TENANT")];
    expect((await retire(a.id)).status).toBe(401);
    expect((await retire(a.id, await asWebFor(b.id))).status).toBe(403);
    expect(
      (await retire(a.id, await signServiceToken({ issuer: "pets", audience: "web", subject: a.id }))).status,
    ).toBe(401);
  });

  it("archives the sitter's listings, cancels their own requests, and is idempotent", async () => {
    const [leaver, sitter, tenant] = [await user("SITTER"), await user("SITTER"), await user("TENANT")];
    const own = await listing(leaver.id);
    const other = await listing(sitter.id);
    const incoming = await booking(own.id, tenant.id, "REQUESTED", 1);
    const outgoing = await booking(other.id, leaver.id, "REQUESTED", 2);

    const res = await retire(leaver.id, await asWebFor(leaver.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ archived: 1, cancelled: 1 });
    expect((await db.listing.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("ARCHIVED");
    expect((await db.booking.findUniqueOrThrow({ where: { id: incoming.id } })).status).toBe("DECLINED");
    expect((await db.booking.findUniqueOrThrow({ where: { id: outgoing.id } })).status).toBe("CANCELLED");
    expect((await db.listing.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("ACTIVE");

    const again = await retire(leaver.id, await asWebFor(leaver.id));
    expect(await again.json()).toEqual({ archived: 0, cancelled: 0 });
  });

  it("answers 409 while the user has an accepted stay, as sitter or tenant, and changes nothing", async () => {
    const [sitter, tenant] = [await user("SITTER"), await user("TENANT")];
    const own = await listing(sitter.id);
    await booking(own.id, tenant.id, "ACCEPTED", 3);
    for (const id of [sitter.id, tenant.id]) {
      const res = await retire(id, await asWebFor(id));
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatch(/1 accepted stay/);
    }
    expect((await db.listing.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("ACTIVE");
  });

  it("deletes the photos of all the user's listings, also on a second call (the saga's resumed step)", async () => {
    const [leaver, sitter] = [await user("SITTER"), await user("SITTER")];
    const [active, archivedBefore, other] = [
      await listing(leaver.id),
      await listing(leaver.id),
      await listing(sitter.id),
    ];
    await attachedPhoto(storage, db, leaver.id, active.id);
    await attachedPhoto(storage, db, leaver.id, active.id, "The sofa");
    await attachedPhoto(storage, db, leaver.id, archivedBefore.id);
    await attachedPhoto(storage, db, sitter.id, other.id);
    // Archived earlier while storage was down: its rows went, its objects stayed.
    await db.listing.update({ where: { id: archivedBefore.id }, data: { status: "ARCHIVED" } });
    await db.listingPhoto.deleteMany({ where: { listingId: archivedBefore.id } });
    const images = (id: string) => bucketKeys(storage, `img/listing/${id}/`);
    expect(await images(active.id)).toHaveLength(6);

    const res = await retire(leaver.id, await asWebFor(leaver.id));
    expect(await res.json()).toEqual({ archived: 1, cancelled: 0 });
    expect(await images(active.id)).toEqual([]);
    expect(await images(archivedBefore.id)).toEqual([]);
    expect(await db.listingPhoto.count({ where: { listingId: active.id } })).toBe(0);
    expect(await images(other.id)).toHaveLength(3);
    expect((await retire(leaver.id, await asWebFor(leaver.id))).status).toBe(200);
  });
});
