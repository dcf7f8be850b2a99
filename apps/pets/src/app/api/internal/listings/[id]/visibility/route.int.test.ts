// The real route handler, called as Next calls it, against the test database: the service-token
// matrix, the admin check on the token's subject, and the write with its audit and outbox row.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { cleanPostgres } from "@burrow/db/clean";
import { signServiceToken } from "@burrow/service-auth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "./route";

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
const SECRET = randomBytes(32).toString("base64url");
let admin: string;
let adminByEmail: string;
let sitter: string;
let listing: string;

async function user(role: "TENANT" | "SITTER" | "ADMIN", email = `${randomUUID()}@burrow.test`) {
  const id = `c${randomBytes(12).toString("hex")}`;
  await sql.query("INSERT INTO identity.users (id, email, role, updated_at) VALUES ($1, $2, $3, now())", [
    id,
    email,
    role,
  ]);
  return id;
}

beforeAll(async () => {
  vi.stubEnv("SERVICE_TOKEN_SECRET", SECRET);
  vi.stubEnv("ADMIN_EMAILS", "Ops@Burrow.test");
  await sql.connect();
  await cleanPostgres(sql);
  admin = await user("ADMIN");
  adminByEmail = await user("TENANT", "ops@burrow.test");
  sitter = await user("SITTER");
  listing = `c${randomBytes(12).toString("hex")}`;
  await sql.query(
    `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency,
       species, max_pets, updated_at)
     VALUES ($1, $2, 'Garden flat', 'Quiet.', 'Berlin', 'Europe/Berlin', 4500, 'EUR', '{DOG}', 2, now())`,
    [listing, sitter],
  );
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  vi.unstubAllEnvs();
});

function call(id: string, body: unknown, token?: string) {
  const request = new Request(`http://pets.test/api/internal/listings/${id}/visibility`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token === undefined ? {} : { "x-service-token": token }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ id }) });
}

const fromWeb = (subject?: string) => signServiceToken({ issuer: "web", audience: "pets", subject, ttlSeconds: 30 });

/** HS256 by hand, for claims signServiceToken refuses to produce (pets → pets). */
function handSigned(claims: object) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  return `${unsigned}.${createHmac("sha256", SECRET).update(unsigned).digest("base64url")}`;
}

const hiddenState = async () =>
  (await sql.query("SELECT hidden_at, hidden_by FROM pets.listings WHERE id = $1", [listing])).rows[0];
const outbox = async () =>
  (
    await sql.query<{ type: string; payload: { adminId: string } }>(
      "SELECT type, payload FROM pets.outbox_events WHERE aggregate_id = $1 ORDER BY created_at",
      [listing],
    )
  ).rows;

describe("POST /api/internal/listings/[id]/visibility", () => {
  const now = Math.floor(Date.now() / 1000);
  const tokens: [string, () => Promise<string | undefined> | string | undefined][] = [
    ["missing", () => undefined],
    [
      "expired",
      () =>
        signServiceToken(
          { issuer: "web", audience: "pets", subject: admin, ttlSeconds: 10 },
          { now: new Date(Date.now() - 60_000) },
        ),
    ],
    ["wrong-audience", () => signServiceToken({ issuer: "pets", audience: "web", subject: admin })],
    ["wrong-issuer", () => handSigned({ iss: "pets", aud: "pets", sub: admin, iat: now, exp: now + 30 })],
    [
      "tampered",
      async () => {
        const [h, , s] = (await fromWeb("someone")).split(".");
        const payload = Buffer.from(JSON.stringify({ iss: "web", aud: "pets", sub: admin, iat: now, exp: now + 30 }));
        return `${h}.${payload.toString("base64url")}.${s}`;
      },
    ],
    ["tampered", () => signServiceToken({ issuer: "web", audience: "pets", subject: admin }, { secret: `${SECRET}x` })],
    ["too-long-lived", () => handSigned({ iss: "web", aud: "pets", sub: admin, iat: now, exp: now + 3600 })],
  ];

  it.each(tokens)("answers 401 %s and writes nothing", async (reason, token) => {
    const response = await call(listing, { hidden: true }, await token());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String), reason });
    expect(await hiddenState()).toEqual({ hidden_at: null, hidden_by: null });
    expect(await outbox()).toEqual([]);
  });

  it("answers 403 when the token names no admin", async () => {
    for (const subject of [undefined, sitter, "cnosuchuser00000000000000"]) {
      const response = await call(listing, { hidden: true }, await fromWeb(subject));
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/must be an admin/);
    }
    expect(await hiddenState()).toEqual({ hidden_at: null, hidden_by: null });
  });

  it("answers 400 for a bad body and 404 for an unknown listing", async () => {
    for (const body of ["not json", {}, { hidden: "yes" }, { hidden: true, extra: 1 }]) {
      const response = await call(listing, body, await fromWeb(admin));
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("Send { hidden: boolean }.");
    }
    const missing = await call("cmissinglisting0000000000", { hidden: true }, await fromWeb(admin));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "No such listing" });
    const malformed = await call("../users", { hidden: true }, await fromWeb(admin));
    expect(malformed.status).toBe(400);
    expect(await outbox()).toEqual([]);
  });

  it("hides for a role-ADMIN subject and unhides for an ADMIN_EMAILS subject, recording each", async () => {
    const before = Date.now();
    const hidden = await call(listing, { hidden: true }, await fromWeb(admin));
    expect(hidden.status).toBe(200);
    const body = await hidden.json();
    expect(body).toEqual({
      listing: { id: listing, hiddenAt: expect.any(String), hiddenBy: admin },
      changed: true,
    });
    expect(Date.parse(body.listing.hiddenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await hiddenState()).toEqual({ hidden_at: new Date(body.listing.hiddenAt), hidden_by: admin });

    const again = await call(listing, { hidden: true }, await fromWeb(adminByEmail));
    expect(await again.json()).toMatchObject({ changed: false, listing: { hiddenBy: admin } });

    const shown = await call(listing, { hidden: false }, await fromWeb(adminByEmail));
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({ listing: { id: listing, hiddenAt: null, hiddenBy: null }, changed: true });
    expect((await outbox()).map((e) => [e.type, e.payload.adminId])).toEqual([
      ["listing.hidden", admin],
      ["listing.unhidden", adminByEmail],
    ]);
  });
});
