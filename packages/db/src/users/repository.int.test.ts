import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { createPrismaClient } from "../client";
import { userRepository } from "./repository";

const url = process.env.DATABASE_URL as string;
const db = createPrismaClient(url, 2);
const sql = new pg.Client({ connectionString: url });
const users = userRepository(db);

beforeAll(async () => {
  await sql.connect();
  await cleanPostgres(sql);
});
afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await db.$disconnect();
});

describe("userRepository", () => {
  it("sets a screenname, answers `taken` for another user's, and keeps your own", async () => {
    const a = await db.user.create({ data: { email: "a@burrow.test" } });
    const b = await db.user.create({ data: { email: "b@burrow.test" } });
    expect(await users.setScreenname(a.id, "ada")).toEqual({ ok: true });
    expect(await users.setScreenname(b.id, "ada")).toEqual({ ok: false, reason: "taken" });
    expect(await users.setScreenname(a.id, "ada")).toEqual({ ok: true });
    expect(await users.setScreenname("cmissing000000000000000000", "zed")).toEqual({ ok: false, reason: "not-found" });
    expect((await users.findById(a.id))?.screenname).toBe("ada");
    expect((await users.findById(b.id))?.screenname).toBeNull();
  });

  it("turns a tenant into a sitter and leaves sitters and admins alone", async () => {
    const tenant = await db.user.create({ data: { email: "t@burrow.test" } });
    const admin = await db.user.create({ data: { email: "adm@burrow.test", role: "ADMIN" } });
    expect(await users.becomeSitter(tenant.id)).toEqual({ ok: true, role: "SITTER" });
    expect(await users.becomeSitter(tenant.id)).toEqual({ ok: true, role: "SITTER" });
    expect(await users.becomeSitter(admin.id)).toEqual({ ok: true, role: "ADMIN" });
    expect(await users.becomeSitter("cmissing000000000000000000")).toEqual({ ok: false, reason: "not-found" });
  });

  it("counts the sign-in links issued to an address within a window and drops expired ones", async () => {
    const lifetime = 15 * 60_000;
    const now = Date.now();
    const issuedAt = (minutesAgo: number) => new Date(now - minutesAgo * 60_000 + lifetime);
    await db.verificationToken.createMany({
      data: [
        { identifier: "x@burrow.test", token: "h1", expires: issuedAt(1) },
        { identifier: "x@burrow.test", token: "h2", expires: issuedAt(14) },
        { identifier: "x@burrow.test", token: "h3", expires: issuedAt(16) },
        { identifier: "y@burrow.test", token: "h4", expires: issuedAt(1) },
      ],
    });
    const since = new Date(now - lifetime);
    expect(await users.countSignInLinksIssuedSince("x@burrow.test", since, lifetime)).toBe(2);
    expect(await users.countSignInLinksIssuedSince("z@burrow.test", since, lifetime)).toBe(0);

    await db.verificationToken.create({
      data: { identifier: "x@burrow.test", token: "old", expires: new Date(now - 1) },
    });
    // "old" and h3 (issued 16 minutes ago) have expired; y's link is not x's to drop.
    expect(await users.deleteExpiredSignInLinks("x@burrow.test", new Date(now))).toBe(2);
    expect(await db.verificationToken.count({ where: { identifier: "x@burrow.test" } })).toBe(2);
    expect(await db.verificationToken.count({ where: { identifier: "y@burrow.test" } })).toBe(1);
  });
});
